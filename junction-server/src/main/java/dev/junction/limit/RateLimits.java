package dev.junction.limit;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The rate limits of one subject (a key, user, team, tenant or deployment); an empty value means no limit of that
 * kind.
 *
 * @param requestsPerMinute requests per minute (RPM)
 * @param tokensPerMinute tokens per minute (TPM), input and output together
 * @param maxConcurrent requests in flight at once
 */
public record RateLimits(OptionalLong requestsPerMinute, OptionalLong tokensPerMinute, OptionalInt maxConcurrent) {

    /** No limits at all. */
    public static final RateLimits NONE = new RateLimits(OptionalLong.empty(), OptionalLong.empty(),
            OptionalInt.empty());

    /** Checks that every limit set is at least 1 (a subject that may do nothing is disabled, not limited). */
    public RateLimits {
        requirePositive(requestsPerMinute, "requestsPerMinute");
        requirePositive(tokensPerMinute, "tokensPerMinute");
        if (maxConcurrent.isPresent()) {
            requirePositive(OptionalLong.of(maxConcurrent.getAsInt()), "maxConcurrent");
        }
    }

    private static void requirePositive(OptionalLong limit, String name) {
        if (limit.isPresent() && limit.getAsLong() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + limit.getAsLong());
        }
    }

    /** Whether no limit is set. */
    public boolean isEmpty() {
        return requestsPerMinute.isEmpty() && tokensPerMinute.isEmpty() && maxConcurrent.isEmpty();
    }
}
