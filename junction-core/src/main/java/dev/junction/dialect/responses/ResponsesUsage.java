package dev.junction.dialect.responses;

import dev.junction.json.Json;
import dev.junction.model.Usage;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the {@code usage} object ({@code input_tokens}, {@code output_tokens}, {@code total_tokens} and
 * their details); its counts are inclusive like the canonical ones. Pure functions; thread safe.
 */
public final class ResponsesUsage {

    private ResponsesUsage() {}

    /** Reads a usage object; missing counters (older responses omit the details) are 0. */
    public static Usage read(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.ZERO;
        }
        JsonNode input = usage.get("input_tokens_details");
        JsonNode output = usage.get("output_tokens_details");
        return new Usage(Json.count(usage, "input_tokens"), Json.count(usage, "output_tokens"),
                Json.count(input, "cached_tokens"), Json.count(input, "cache_write_tokens"),
                Json.count(output, "reasoning_tokens"));
    }

    /**
     * Checks that a response body is a JSON object and reads its {@code usage} ({@link Usage#ZERO} when there is
     * none), without building a tree for the output, which a pass-through never needs.
     *
     * @return empty when the bytes are not a JSON object
     */
    public static Optional<Usage> usageOf(byte[] body) {
        return Json.topLevelField(body, "usage").map(u -> u.isObject() ? read(u) : Usage.ZERO);
    }

    /** Writes a usage object with both detail objects, as OpenAI sends them. */
    public static ObjectNode write(Usage usage) {
        ObjectNode out = Json.object().put("input_tokens", usage.inputTokens());
        out.putObject("input_tokens_details").put("cached_tokens", usage.cachedReadTokens())
                .put("cache_write_tokens", usage.cacheWriteTokens());
        out.put("output_tokens", usage.outputTokens());
        out.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return out.put("total_tokens", usage.totalTokens());
    }
}
