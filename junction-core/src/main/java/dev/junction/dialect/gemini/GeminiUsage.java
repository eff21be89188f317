package dev.junction.dialect.gemini;

import dev.junction.json.Json;
import dev.junction.model.Usage;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code usageMetadata} (translation.md §11.3 and §11.5). Gemini's prompt count includes cached
 * tokens like the canonical input does; its {@code candidatesTokenCount} excludes thoughts, which the canonical
 * output includes. Tokens of server-side tool results ({@code toolUsePromptTokenCount}) are billed as input.
 */
public final class GeminiUsage {

    private GeminiUsage() {}

    /** Reads a {@code usageMetadata} object; missing counters are 0. */
    public static Usage read(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.ZERO;
        }
        long prompt = Json.count(usage, "promptTokenCount");
        long toolUse = Json.count(usage, "toolUsePromptTokenCount");
        long candidates = Json.count(usage, "candidatesTokenCount");
        long thoughts = Json.count(usage, "thoughtsTokenCount");
        long total = Json.count(usage, "totalTokenCount");
        // Some models count thoughts inside the candidates; the total tells (prompt + candidates == total).
        boolean inclusive = thoughts > 0 && total > 0 && prompt + toolUse + candidates == total;
        return new Usage(prompt + toolUse, inclusive ? candidates : candidates + thoughts,
                Json.count(usage, "cachedContentTokenCount"), 0, thoughts);
    }

    /** Writes a {@code usageMetadata} object; zero detail counters are left out, as Gemini does. */
    public static ObjectNode write(Usage usage) {
        ObjectNode out = Json.object().put("promptTokenCount", usage.inputTokens());
        long candidates = Math.max(0, usage.outputTokens() - usage.reasoningTokens());
        if (candidates > 0) {
            out.put("candidatesTokenCount", candidates);
        }
        out.put("totalTokenCount", usage.totalTokens());
        if (usage.cachedReadTokens() > 0) {
            out.put("cachedContentTokenCount", usage.cachedReadTokens());
        }
        if (usage.reasoningTokens() > 0) {
            out.put("thoughtsTokenCount", usage.reasoningTokens());
        }
        return out;
    }

    /**
     * Checks that a response body is a JSON object and reads its {@code usageMetadata} ({@link Usage#ZERO} when
     * there is none), without building a tree for the candidates.
     *
     * @return empty when the bytes are not a JSON object
     */
    public static Optional<Usage> usageOf(byte[] body) {
        return Json.topLevelField(body, "usageMetadata").map(u -> u.isObject() ? read(u) : Usage.ZERO);
    }
}
