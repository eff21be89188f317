package dev.junction.routing;

import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;

/**
 * What routing needs to know about a request, computed once per request.
 *
 * @param inputTokens the estimated input tokens
 * @param maxOutputTokens the most output tokens the request allows (its {@code max_tokens}, or a default)
 * @param images whether it contains images
 * @param tools whether it offers tools
 * @param operation what is asked: a deployment that cannot serve it is skipped ({@link Capabilities#serves})
 */
public record RequestFacts(int inputTokens, int maxOutputTokens, boolean images, boolean tools,
                           OperationKind operation) {

    /** A small text request, for tests and for calls that carry no chat request. */
    public static final RequestFacts NONE = new RequestFacts(0, 0, false, false);

    public RequestFacts {
        java.util.Objects.requireNonNull(operation, "operation");
    }

    /** The facts of a chat turn. */
    public RequestFacts(int inputTokens, int maxOutputTokens, boolean images, boolean tools) {
        this(inputTokens, maxOutputTokens, images, tools, OperationKind.CHAT);
    }

    /** The facts of a request of another operation than chat, which routing knows nothing more of. */
    public static RequestFacts of(OperationKind operation) {
        return new RequestFacts(0, 0, false, false, operation);
    }

    /** The facts of a request of another operation than chat, with its estimated tokens. */
    public static RequestFacts of(OperationKind operation, long inputTokens, long maxOutputTokens) {
        return new RequestFacts((int) Math.min(Integer.MAX_VALUE, inputTokens),
                (int) Math.min(Integer.MAX_VALUE, maxOutputTokens), false, false, operation);
    }

    /** The output allowance assumed when a request sets no {@code max_tokens}. */
    public static final int DEFAULT_MAX_OUTPUT = 4096;

    /**
     * The facts of a chat request. Input tokens are estimated from the text's length (four characters a token, a
     * flat allowance per image or document) rather than tokenised: routing needs the order of magnitude, on every
     * request, at no cost that grows noticeably with the prompt.
     */
    public static RequestFacts of(ChatRequest request) {
        long chars = 0;
        int media = 0;
        boolean images = false;
        for (Message m : request.messages()) {
            for (ContentPart part : m.content()) {
                switch (part) {
                    case ContentPart.Text t -> chars += t.text().length();
                    case ContentPart.ToolCall c -> chars += c.arguments().length() + c.name().length();
                    case ContentPart.ToolResult r -> chars += r.content().stream()
                            .mapToLong(p -> p instanceof ContentPart.Text t ? t.text().length() : 0).sum();
                    case ContentPart.Thinking th -> chars += th.text().length();
                    case ContentPart.Image i -> {
                        images = true;
                        media++;
                    }
                    case ContentPart.Document d -> media++;
                    case ContentPart.Audio a -> media++;
                    default -> { }
                }
            }
        }
        long tokens = chars / 4 + media * 1_000L + request.tools().size() * 100L;
        return new RequestFacts((int) Math.min(Integer.MAX_VALUE, tokens),
                request.sampling().maxTokens().orElse(DEFAULT_MAX_OUTPUT), images, !request.tools().isEmpty());
    }

    /** Input plus the output allowance: what must fit in a context window. */
    public long totalTokens() {
        return (long) inputTokens + maxOutputTokens;
    }
}
