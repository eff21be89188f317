package dev.junction.dialect.anthropic;

import dev.junction.json.Json;
import dev.junction.model.Usage;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes Anthropic's {@code usage} object. Anthropic's {@code input_tokens} excludes cache reads and
 * writes, the canonical input includes them (translation rules §11.1 and §11.2); output counts include thinking on
 * both sides. Pure functions.
 */
public final class AnthropicUsage {

    private static final String THINKING_TOKENS = "thinking_tokens";

    private AnthropicUsage() {}

    /** Reads a usage object; missing counters are 0. */
    public static Usage read(JsonNode usage) {
        return merge(Usage.ZERO, usage);
    }

    /**
     * The usage after a later report: counters present in {@code usage} replace those of {@code previous}, absent
     * ones keep their value. A stream reports input and cache counts in {@code message_start} and the cumulative
     * output in {@code message_delta} (newer API versions repeat every counter there).
     */
    public static Usage merge(Usage previous, JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return previous;
        }
        long cacheRead = counter(usage, "cache_read_input_tokens", previous.cachedReadTokens());
        long cacheWrite = counter(usage, "cache_creation_input_tokens", previous.cacheWriteTokens());
        long uncached = counter(usage, "input_tokens", uncachedInput(previous));
        long output = counter(usage, "output_tokens", previous.outputTokens());
        long thinking = counter(usage.path("output_tokens_details"), THINKING_TOKENS, previous.reasoningTokens());
        return new Usage(uncached + cacheRead + cacheWrite, output, cacheRead, cacheWrite, thinking);
    }

    /** Writes a usage object with Anthropic's exclusive input count. */
    public static ObjectNode write(Usage usage) {
        ObjectNode out = Json.object()
                .put("input_tokens", uncachedInput(usage))
                .put("cache_creation_input_tokens", usage.cacheWriteTokens())
                .put("cache_read_input_tokens", usage.cachedReadTokens())
                .put("output_tokens", usage.outputTokens());
        if (usage.reasoningTokens() > 0) {
            out.putObject("output_tokens_details").put(THINKING_TOKENS, usage.reasoningTokens());
        }
        return out;
    }

    /**
     * Checks that a response body is a JSON object and reads its {@code usage} ({@link Usage#ZERO} when there is
     * none), streaming over the body without building a tree for the content, which a pass-through never needs.
     *
     * @return empty when the bytes are not a JSON object
     */
    public static Optional<Usage> usageOf(byte[] body) {
        return Json.topLevelField(body, "usage").map(u -> u.isObject() ? read(u) : Usage.ZERO);
    }

    /** The input tokens that were neither read from nor written to the cache. */
    static long uncachedInput(Usage usage) {
        return Math.max(usage.inputTokens() - usage.cachedReadTokens() - usage.cacheWriteTokens(), 0);
    }

    private static long counter(JsonNode parent, String field, long fallback) {
        JsonNode v = parent.get(field);
        return v != null && v.isNumber() ? Math.max(0, v.asLong()) : fallback;
    }
}
