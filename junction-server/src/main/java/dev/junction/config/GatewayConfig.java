package dev.junction.config;

import dev.junction.provider.ProviderConfig;
import dev.junction.routing.Route;
import dev.junction.upstream.MediaFetcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated configuration of a gateway. Immutable.
 *
 * @param providers the providers this gateway runs, in matching order (the built-in mock included)
 * @param routes configured public model names
 * @param media limits for downloading media a client referenced by URL, for upstreams that need it inline
 * @param source where the configuration came from, for messages ({@code junction.yaml}, or empty for none)
 */
public record GatewayConfig(ServerSettings server, List<GatewayKey> keys, Map<String, ProviderConfig> providers,
                            Map<String, Route> routes, MediaFetcher.Limits media, Optional<String> source) {

    public GatewayConfig {
        keys = List.copyOf(keys);
        providers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(providers));
        routes = Map.copyOf(routes);
    }

    /** The same configuration with another server section. */
    public GatewayConfig withServer(ServerSettings settings) {
        return new GatewayConfig(settings, keys, providers, routes, media, source);
    }
}
