package dev.junction.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The response cache's settings ({@code cache:}). Immutable. With no {@code cache:} block the cache is off.
 *
 * @param enabled whether chat answers are cached at all
 * @param backend where entries live: in this process, or in the Redis the replicas share ({@code redis.url})
 * @param maxEntries the memory backend's bound on entries
 * @param maxBytes the memory backend's bound on the entries' encoded size
 * @param defaults what applies to a request unless its route or key says otherwise
 * @param routes per-route overrides, by route name
 * @param keys per-key overrides, by key name (a virtual key's or a configured key's); a key's wins over its route's
 * @param redisPrefix the Redis backend's key prefix ({@code junction:cache:})
 */
public record CacheSettings(boolean enabled, Backend backend, long maxEntries, long maxBytes, Policy defaults,
                            Map<String, Overrides> routes, Map<String, Overrides> keys, String redisPrefix) {

    /** The settings when the configuration says nothing: off. */
    public static final CacheSettings OFF = new CacheSettings(false, Backend.MEMORY, 10_000, 64L << 20,
            Policy.DEFAULT, Map.of(), Map.of(), "junction:cache:");

    public CacheSettings {
        routes = Map.copyOf(routes);
        keys = Map.copyOf(keys);
    }

    /** Where entries are kept. */
    public enum Backend { MEMORY, REDIS }

    /** Who may be served an entry: always within one tenant, optionally narrower. */
    public enum Scope { TENANT, TEAM, KEY }

    /**
     * What applies to one request.
     *
     * @param enabled whether its answer is looked up and stored
     * @param ttl how long an entry lives
     * @param scope who shares entries
     * @param sampled whether answers sampled with a temperature above 0 (or the upstream's default) may be cached
     * @param multipleChoices whether answers with {@code n > 1} may be cached
     * @param hitCharge the share of the standard cost a hit is charged (0: free)
     * @param timeDependentTools tool names whose results depend on time: a request declaring one is never cached
     */
    public record Policy(boolean enabled, Duration ttl, Scope scope, boolean sampled, boolean multipleChoices,
                         double hitCharge, List<String> timeDependentTools) {

        public static final Policy DEFAULT = new Policy(true, Duration.ofHours(1), Scope.TENANT, false, false, 0.0,
                List.of());

        public Policy {
            timeDependentTools = List.copyOf(timeDependentTools);
        }

        /** This policy with what {@code overrides} sets. */
        public Policy with(Overrides overrides) {
            return new Policy(overrides.enabled().orElse(enabled), overrides.ttl().orElse(ttl),
                    overrides.scope().orElse(scope), overrides.sampled().orElse(sampled),
                    overrides.multipleChoices().orElse(multipleChoices), overrides.hitCharge().orElse(hitCharge),
                    overrides.timeDependentTools().orElse(timeDependentTools));
        }
    }

    /** A route's or key's changes to the defaults; each field absent keeps what applies already. */
    public record Overrides(Optional<Boolean> enabled, Optional<Duration> ttl, Optional<Scope> scope,
                            Optional<Boolean> sampled, Optional<Boolean> multipleChoices, Optional<Double> hitCharge,
                            Optional<List<String>> timeDependentTools) {
    }

    /** The policy for a request on {@code route} with the key named {@code keyName}. */
    public Policy policy(String route, String keyName) {
        Policy policy = defaults;
        Overrides forRoute = routes.get(route);
        if (forRoute != null) {
            policy = policy.with(forRoute);
        }
        Overrides forKey = keys.get(keyName);
        return forKey == null ? policy : policy.with(forKey);
    }
}
