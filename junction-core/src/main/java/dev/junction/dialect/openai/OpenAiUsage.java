package dev.junction.dialect.openai;

import dev.junction.json.Json;
import dev.junction.model.Usage;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes the {@code usage} object; OpenAI's counts are inclusive like the canonical ones. */
public final class OpenAiUsage {

    private OpenAiUsage() {}

    /** Reads a usage object; missing counters are 0. */
    public static Usage read(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.ZERO;
        }
        JsonNode prompt = usage.get("prompt_tokens_details");
        JsonNode completion = usage.get("completion_tokens_details");
        return new Usage(Json.count(usage, "prompt_tokens"), Json.count(usage, "completion_tokens"),
                Json.count(prompt, "cached_tokens"), Json.count(prompt, "cache_write_tokens"),
                Json.count(completion, "reasoning_tokens"));
    }

    /**
     * Checks that a response body is a JSON object and reads its {@code usage} ({@link Usage#ZERO} when there is
     * none). Streams over the body without building a tree for the choices, which a pass-through never needs.
     *
     * @return empty when the bytes are not a JSON object
     */
    public static Optional<Usage> usageOf(byte[] body) {
        return Json.topLevelField(body, "usage").map(u -> u.isObject() ? read(u) : Usage.ZERO);
    }

    /** Writes a usage object with the detail objects clients expect. */
    public static ObjectNode write(Usage usage) {
        ObjectNode out = Json.object()
                .put("prompt_tokens", usage.inputTokens())
                .put("completion_tokens", usage.outputTokens())
                .put("total_tokens", usage.totalTokens());
        ObjectNode prompt = out.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedReadTokens());
        if (usage.cacheWriteTokens() > 0) {
            prompt.put("cache_write_tokens", usage.cacheWriteTokens());
        }
        out.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return out;
    }
}
