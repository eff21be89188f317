package dev.junction.extension;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What every hook is told of the request it runs for: ids, attribution, model, route, the client's dialect, and its
 * headers except those that carry credentials ({@code authorization}, {@code x-api-key}, {@code x-goog-api-key},
 * {@code api-key}, {@code cookie}, {@code proxy-authorization}), which read as absent. Immutable; safe to keep and to
 * read on any thread.
 */
public final class RequestInfo {

    /** Headers no extension can read. */
    public static final Set<String> HIDDEN_HEADERS = Set.of("authorization", "x-api-key", "x-goog-api-key",
            "api-key", "cookie", "proxy-authorization");

    private final String requestId;
    private final CallerInfo caller;
    private final String model;
    private final String route;
    private final String clientDialect;
    private final boolean stream;
    private final Function<String, Optional<String>> headers;

    /**
     * @param model the public model the client asked for
     * @param route the route it resolved to
     * @param clientDialect {@code openai}, {@code anthropic}, {@code gemini} or {@code responses}
     * @param headers looks a request header up by lower-case name
     */
    public RequestInfo(String requestId, CallerInfo caller, String model, String route, String clientDialect,
                       boolean stream, Function<String, Optional<String>> headers) {
        this.requestId = Objects.requireNonNull(requestId);
        this.caller = Objects.requireNonNull(caller);
        this.model = Objects.requireNonNull(model);
        this.route = Objects.requireNonNull(route);
        this.clientDialect = Objects.requireNonNull(clientDialect);
        this.stream = stream;
        this.headers = Objects.requireNonNull(headers);
    }

    public String requestId() {
        return requestId;
    }

    public CallerInfo caller() {
        return caller;
    }

    /** The public model the client asked for. */
    public String model() {
        return model;
    }

    /** The route the model resolved to. */
    public String route() {
        return route;
    }

    /** The dialect the client speaks. */
    public String clientDialect() {
        return clientDialect;
    }

    /** Whether the client asked for a stream. */
    public boolean stream() {
        return stream;
    }

    /** A request header by name (any case); empty when absent or when it carries credentials. */
    public Optional<String> header(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return HIDDEN_HEADERS.contains(lower) ? Optional.empty() : headers.apply(lower);
    }

    @Override
    public String toString() {
        return "RequestInfo[" + requestId + ", " + model + " via " + route + "]";
    }
}
