package dev.junction.upstream;

import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat request as the client sent it: its dialect, parsed body, canonical form (built while validating the body),
 * and the client headers an upstream of the same dialect should see again ({@code anthropic-beta}, …). Adapters of
 * the client's own dialect copy the body and ignore the canonical form (the fast path). Immutable except for the
 * body, which callers must copy before changing.
 */
public final class ClientRequest {

    private final Dialect dialect;
    private final ObjectNode body;
    private final ChatRequest canonical;
    private final Map<String, String> headers;
    private final Propagation propagation;

    /**
     * @param canonical the canonical form, which the decoder built while validating the body
     * @param headers client headers to forward to a same-dialect upstream, names in lower case
     */
    public ClientRequest(Dialect dialect, ObjectNode body, ChatRequest canonical, Map<String, String> headers) {
        this(dialect, body, canonical, Map.copyOf(headers), Propagation.NONE);
    }

    private ClientRequest(Dialect dialect, ObjectNode body, ChatRequest canonical, Map<String, String> headers,
                          Propagation propagation) {
        this.dialect = dialect;
        this.body = body;
        this.canonical = Objects.requireNonNull(canonical);
        this.headers = headers;
        this.propagation = Objects.requireNonNull(propagation);
    }

    /** A request without forwarded headers. */
    public ClientRequest(Dialect dialect, ObjectNode body, ChatRequest canonical) {
        this(dialect, body, canonical, Map.of());
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
        return canonical;
    }

    /** A client header to forward to a same-dialect upstream ({@code name} in lower case). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The same request with another body and its canonical form (a guardrail's masked text), headers kept. */
    public ClientRequest withBody(ObjectNode rewritten, ChatRequest rewrittenCanonical) {
        return new ClientRequest(dialect, rewritten, rewrittenCanonical, headers, propagation);
    }

    /** The same request, its upstream requests carrying {@code trace}'s headers. */
    public ClientRequest withPropagation(Propagation trace) {
        return new ClientRequest(dialect, body, canonical, headers, trace);
    }

    /** The trace context every upstream request of this one carries ({@link Propagation#NONE} by default). */
    public Propagation propagation() {
        return propagation;
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
