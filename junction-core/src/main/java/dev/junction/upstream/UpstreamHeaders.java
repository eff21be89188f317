package dev.junction.upstream;

import dev.junction.provider.AuthStyle;
import dev.junction.provider.ProviderConfig;
import io.vertx.core.MultiMap;

/** The headers every upstream request carries: content type, accept, correlation id, extras and the credential. */
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
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("content-type", "application/json")
                .add("accept", stream ? "text/event-stream" : "application/json")
                .add("x-request-id", requestId);
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
