package dev.junction.routing;

import java.util.Optional;
import java.util.Set;

/**
 * When a failed attempt may move on, beyond the defaults (connection errors, timeouts, 429, 5xx and 529, rejected
 * gateway credentials, a model the upstream does not serve).
 *
 * @param statuses further upstream statuses that fall back (say 400 for a provider known to answer 400 for its own
 *     outages)
 * @param contentPolicy the route to try when an upstream refuses the request on content policy; empty: fail
 * @param contextWindow whether a "context window exceeded" answer moves on to a deployment with a larger window
 */
public record FallbackRules(Set<Integer> statuses, Optional<String> contentPolicy, boolean contextWindow) {

    /** Defaults only, with context-window fallback on. */
    public static final FallbackRules DEFAULTS = new FallbackRules(Set.of(), Optional.empty(), true);

    public FallbackRules {
        statuses = Set.copyOf(statuses);
    }
}
