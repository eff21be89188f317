package dev.junction.model;

/**
 * Token usage, with OpenAI's inclusive semantics: {@code inputTokens} includes cached reads and cache writes,
 * {@code outputTokens} includes reasoning. Dialects with exclusive counts (Anthropic input, Gemini candidates)
 * convert at their edge.
 */
public record Usage(long inputTokens, long outputTokens, long cachedReadTokens, long cacheWriteTokens,
                    long reasoningTokens) {

    /** No tokens. */
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

    /** Input plus output. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
