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
 * @param semanticMaxEntries the semantic index's bound on entries ({@code cache.semantic.max_entries}); the oldest
 *     go first
 */
public record CacheSettings(boolean enabled, Backend backend, long maxEntries, long maxBytes, Policy defaults,
                            Map<String, Overrides> routes, Map<String, Overrides> keys, String redisPrefix,
                            long semanticMaxEntries) {

    /** The settings when the configuration says nothing: off. */
    public static final CacheSettings OFF = new CacheSettings(false, Backend.MEMORY, 10_000, 64L << 20,
            Policy.DEFAULT, Map.of(), Map.of(), "junction:cache:", 100_000);

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
     * @param semantic the semantic lookup, tried when the exact one misses
     * @param replayPace how long a hit streamed to a client waits before each piece (a word) of its text, so that it
     *     reads like a model answering ({@code replay_pace}); zero (the default) replays at once
     */
    public record Policy(boolean enabled, Duration ttl, Scope scope, boolean sampled, boolean multipleChoices,
                         double hitCharge, List<String> timeDependentTools, Semantic semantic, Duration replayPace) {

        public static final Policy DEFAULT = new Policy(true, Duration.ofHours(1), Scope.TENANT, false, false, 0.0,
                List.of(), Semantic.OFF, Duration.ZERO);

        public Policy {
            timeDependentTools = List.copyOf(timeDependentTools);
        }

        /** This policy with what {@code overrides} sets. */
        public Policy with(Overrides overrides) {
            return new Policy(overrides.enabled().orElse(enabled), overrides.ttl().orElse(ttl),
                    overrides.scope().orElse(scope), overrides.sampled().orElse(sampled),
                    overrides.multipleChoices().orElse(multipleChoices), overrides.hitCharge().orElse(hitCharge),
                    overrides.timeDependentTools().orElse(timeDependentTools),
                    overrides.semantic().map(semantic::with).orElse(semantic),
                    overrides.replayPace().orElse(replayPace));
        }
    }

    /** A route's or key's changes to the defaults; each field absent keeps what applies already. */
    public record Overrides(Optional<Boolean> enabled, Optional<Duration> ttl, Optional<Scope> scope,
                            Optional<Boolean> sampled, Optional<Boolean> multipleChoices, Optional<Double> hitCharge,
                            Optional<List<String>> timeDependentTools, Optional<SemanticOverrides> semantic,
                            Optional<Duration> replayPace) {
    }

    /** Which text of a request is embedded for the semantic lookup. */
    public enum SemanticText {
        /** the last user turn (the system prompt is part of the exact-match context by its hash) */
        LAST_USER,
        /** the system prompt and the last user turn */
        LAST_USER_AND_SYSTEM,
        /** every user turn */
        ALL_USER
    }

    /**
     * The semantic lookup of one route or key ({@code cache.semantic}).
     *
     * @param enabled whether requests are looked up by meaning (else only when they send
     *     {@code x-junction-cache: semantic})
     * @param embeddingModel the public model that embeds the request's text, routed like any other; empty when none
     *     is configured (then the semantic lookup is not available)
     * @param threshold the least cosine similarity a stored request must have to be served
     * @param text which text is embedded
     * @param ttl how long an entry is found by meaning; empty: the policy's {@code ttl}
     */
    public record Semantic(boolean enabled, Optional<String> embeddingModel, double threshold, SemanticText text,
                           Optional<Duration> ttl) {

        public static final Semantic OFF = new Semantic(false, Optional.empty(), 0.95, SemanticText.LAST_USER,
                Optional.empty());

        /** This lookup with what {@code o} sets. */
        public Semantic with(SemanticOverrides o) {
            return new Semantic(o.enabled().orElse(enabled), o.embeddingModel().or(() -> embeddingModel),
                    o.threshold().orElse(threshold), o.text().orElse(text), o.ttl().or(() -> ttl));
        }
    }

    /** A route's or key's changes to the semantic lookup. */
    public record SemanticOverrides(Optional<Boolean> enabled, Optional<String> embeddingModel,
                                    Optional<Double> threshold, Optional<SemanticText> text,
                                    Optional<Duration> ttl) {
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
