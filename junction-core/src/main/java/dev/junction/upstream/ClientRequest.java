package dev.junction.upstream;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat request as the client sent it: its dialect and parsed body, with the canonical form derived on first use.
 * Adapters of the client's own dialect copy the body and skip the canonical form entirely (the fast path). Confined
 * to the request's event loop.
 */
public final class ClientRequest {

    private final Dialect dialect;
    private final ObjectNode body;
    private ChatRequest canonical;

    /**
     * @param canonical the canonical form, which the decoder built while validating the body
     */
    public ClientRequest(Dialect dialect, ObjectNode body, ChatRequest canonical) {
        this.dialect = dialect;
        this.body = body;
        this.canonical = canonical;
    }

    /** The client's dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The body as received. Callers that change it must copy it first. */
    public ObjectNode body() {
        return body;
    }

    /** The canonical form. */
    public ChatRequest canonical() {
        if (canonical == null) {
            canonical = switch (dialect) {
                case OPENAI_CHAT -> OpenAiRequestMapper.toCanonical(body);
                case ANTHROPIC, GEMINI -> throw new UnsupportedOperationException(dialect + " is not supported yet");
            };
        }
        return canonical;
    }

    /** The model the client asked for. */
    public String model() {
        return canonical().model();
    }

    /** Whether the client asked for a stream. */
    public boolean stream() {
        return canonical().stream();
    }
}
