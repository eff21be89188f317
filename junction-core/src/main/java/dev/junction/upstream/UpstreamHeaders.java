package dev.junction.upstream;

import dev.junction.provider.AuthStyle;
import dev.junction.provider.ProviderConfig;
import io.vertx.core.MultiMap;
import java.util.Map;

/**
 * The headers every upstream request carries: content type, accept, correlation id, the trace context, extras and the
 * credential.
 */
public final class UpstreamHeaders {

    private UpstreamHeaders() {}

    /**
     * A fresh header map for a JSON request to {@code provider}. The provider's configured headers come after the
     * defaults (so they can override them); the credential is set last, in the provider's auth style.
     */
    public static MultiMap of(ProviderConfig provider, String requestId, boolean stream) {
        return of(provider, requestId, stream, java.util.Map.of());
    }

    /**
     * As {@link #of(ProviderConfig, String, boolean)}, with dialect headers ({@code anthropic-version}, …) that the
     * provider's configured headers may still override.
     */
    public static MultiMap of(ProviderConfig provider, String requestId, boolean stream,
                              java.util.Map<String, String> dialectHeaders) {
        return of(provider, requestId, stream, Map.of(), dialectHeaders);
    }

    /**
     * The headers of one attempt's chat request: those of {@link #of(ProviderConfig, String, boolean, java.util.Map)}
     * for the call's provider and request id, plus the client request's trace context ({@link Propagation}).
     */
    public static MultiMap of(UpstreamCall call, boolean stream, java.util.Map<String, String> dialectHeaders) {
        return of(call.provider(), call.requestId(), stream,
                call.request().propagation().headers(call.provider().name(), call.upstreamModel()), dialectHeaders);
    }

    /**
     * The headers of a JSON request to {@code provider} that carries {@code trace}'s headers for an attempt at
     * {@code upstreamModel} (embeddings, which have no {@link UpstreamCall}).
     */
    public static MultiMap of(ProviderConfig provider, String requestId, boolean stream, Propagation trace,
                              String upstreamModel) {
        return of(provider, requestId, stream, trace.headers(provider.name(), upstreamModel), Map.of());
    }

    /** As {@link #of(UpstreamCall, boolean, java.util.Map)} without dialect headers. */
    public static MultiMap of(UpstreamCall call, boolean stream) {
        return of(call, stream, java.util.Map.of());
    }

    private static MultiMap of(ProviderConfig provider, String requestId, boolean stream,
                               java.util.Map<String, String> trace, java.util.Map<String, String> dialectHeaders) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("content-type", "application/json")
                .add("accept", stream ? "text/event-stream" : "application/json")
                .add("x-request-id", requestId);
        trace.forEach(headers::set);
        dialectHeaders.forEach(headers::set);
        provider.headers().forEach(headers::set);
        provider.apiKey().ifPresent(key -> {
            switch (provider.auth()) {
                case AuthStyle.Bearer b -> headers.set("authorization", "Bearer " + key.reveal());
                case AuthStyle.Header h -> headers.set(h.name(), key.reveal());
                case AuthStyle.None n -> { }
            }
        });
        return headers;
    }
}
