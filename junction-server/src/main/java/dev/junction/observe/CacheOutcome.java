package dev.junction.observe;

import java.util.Objects;
import java.util.Set;

/**
 * What the response cache did for one request, as the request log keeps it. Immutable.
 *
 * @param outcome {@code exact} or {@code semantic} (a hit of that kind), {@code miss} (looked up, not found; the
 *     answer was stored if it ended well), {@code bypass} (not looked up), or empty when the cache did not apply
 *     (off, or not a chat request)
 * @param savedNanos for a hit, the metered cost of the upstream call the entry came from; else 0
 */
public record CacheOutcome(String outcome, long savedNanos) {

    // Before NONE: the constructor reads it.
    private static final Set<String> OUTCOMES = Set.of("", "exact", "semantic", "miss", "bypass");

    /** The cache did not apply. */
    public static final CacheOutcome NONE = new CacheOutcome("", 0);

    public CacheOutcome {
        Objects.requireNonNull(outcome);
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("not a cache outcome: " + outcome);
        }
    }

    /** Reads a stored outcome; an unknown one (a newer writer's) reads as none. */
    public static CacheOutcome of(String outcome, long savedNanos) {
        return outcome == null || !OUTCOMES.contains(outcome) ? NONE : new CacheOutcome(outcome, savedNanos);
    }

    /** Whether the answer came from the cache. */
    public boolean hit() {
        return outcome.equals("exact") || outcome.equals("semantic");
    }
}
