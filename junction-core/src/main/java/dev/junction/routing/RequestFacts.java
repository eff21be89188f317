package dev.junction.routing;

/**
 * What routing needs to know about a request, computed once per request.
 *
 * @param inputTokens the estimated input tokens
 * @param maxOutputTokens the most output tokens the request allows (its {@code max_tokens}, or a default)
 * @param images whether it contains images
 * @param tools whether it offers tools
 */
public record RequestFacts(int inputTokens, int maxOutputTokens, boolean images, boolean tools) {

    /** A small text request, for tests and for calls that carry no chat request. */
    public static final RequestFacts NONE = new RequestFacts(0, 0, false, false);

    /** Input plus the output allowance: what must fit in a context window. */
    public long totalTokens() {
        return (long) inputTokens + maxOutputTokens;
    }
}
