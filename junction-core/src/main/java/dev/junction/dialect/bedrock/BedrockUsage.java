package dev.junction.dialect.bedrock;

import dev.junction.json.Json;
import dev.junction.model.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converse's {@code usage}: {@code inputTokens} counts only the uncached input, as Anthropic's does, so the canonical
 * (inclusive) input adds {@code cacheReadInputTokens} and {@code cacheWriteInputTokens}. Pure functions.
 */
public final class BedrockUsage {

    private BedrockUsage() {}

    public static Usage read(JsonNode usage) {
        long cacheRead = usage.path("cacheReadInputTokens").asLong(0);
        long cacheWrite = usage.path("cacheWriteInputTokens").asLong(0);
        return new Usage(usage.path("inputTokens").asLong(0) + cacheRead + cacheWrite,
                usage.path("outputTokens").asLong(0), cacheRead, cacheWrite, 0);
    }

    static ObjectNode write(Usage usage) {
        long uncached = Math.max(0, usage.inputTokens() - usage.cachedReadTokens() - usage.cacheWriteTokens());
        return Json.object().put("inputTokens", uncached).put("outputTokens", usage.outputTokens())
                .put("totalTokens", usage.totalTokens()).put("cacheReadInputTokens", usage.cachedReadTokens())
                .put("cacheWriteInputTokens", usage.cacheWriteTokens());
    }
}
