package dev.junction.config;

import dev.junction.provider.ProviderConfig;
import dev.junction.routing.Route;
import dev.junction.routing.health.HealthPolicy;
import dev.junction.upstream.MediaFetcher;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated configuration of a gateway. Immutable.
 *
 * @param keys gateway keys, for the data plane ({@code /v1/*})
 * @param adminKeys admin keys, for {@code /api/admin/*}; with none the admin API is off
 * @param authRequired {@code auth.required}: every data-plane request needs a key, even on a gateway that would
 *     otherwise be open (see {@code dev.junction.auth.AccessMode})
 * @param providers the providers this gateway runs, in matching order (the built-in mock included)
 * @param routes configured routes by public name, in file order; a name containing {@code *} is a wildcard route
 *     (see {@link dev.junction.routing.ModelResolver})
 * @param aliases further public names: alias to the name of a route in {@code routes}
 * @param health when deployments' circuits open and close
 * @param redisUrl the Redis that replicas share ({@code redis://host:port}), when they share one
 * @param media limits for downloading media a client referenced by URL, for upstreams that need it inline
 * @param governance the database, data directory, secret key, request logs and pricing
 * @param observability metrics, traces, alerts and analytics
 * @param console the web console and its sessions
 * @param source where the configuration came from, for messages ({@code junction.yaml}, or empty for none)
 * @param layers which layer (built in, environment, file, store) each provider and route came from
 * @param guardrails the guardrail policies ({@code guardrails:}); none unless configured
 * @param cache the response cache ({@code cache:}); off unless configured
 * @param extensions the plugins ({@code extensions:}); none unless configured
 * @param sso single sign-on for the console ({@code sso:}); none unless configured
 */
public record GatewayConfig(ServerSettings server, List<GatewayKey> keys, List<GatewayKey> adminKeys,
                            boolean authRequired, Map<String, ProviderConfig> providers,
                            Map<String, Route> routes, Map<String, String> aliases, HealthPolicy health,
                            Optional<String> redisUrl, MediaFetcher.Limits media,
                            GovernanceSettings governance, ObservabilitySettings observability,
                            ConsoleSettings console, Optional<String> source, ConfigLayers layers,
                            GuardrailSettings guardrails, CacheSettings cache,
                            ExtensionSettings extensions, SsoSettings sso) {

    public GatewayConfig {
        keys = List.copyOf(keys);
        adminKeys = List.copyOf(adminKeys);
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    }

    /** The same configuration with another server section. */
    public GatewayConfig withServer(ServerSettings settings) {
        return new GatewayConfig(settings, keys, adminKeys, authRequired, providers, routes, aliases, health, redisUrl,
                media, governance, observability, console, source, layers, guardrails, cache,
                extensions, sso);
    }

    /** The same configuration with other providers, routes and aliases, as {@link StoredConfigMerger} makes it. */
    GatewayConfig withEntities(Map<String, ProviderConfig> newProviders, Map<String, Route> newRoutes,
                               Map<String, String> newAliases, ConfigLayers newLayers) {
        return new GatewayConfig(server, keys, adminKeys, authRequired, newProviders, newRoutes, newAliases, health,
                redisUrl, media, governance, observability, console, source, newLayers, guardrails, cache,
                extensions, sso);
    }
}
