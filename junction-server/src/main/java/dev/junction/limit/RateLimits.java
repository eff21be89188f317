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

    /** Whether no limit is set. */
    public boolean isEmpty() {
        return requestsPerMinute.isEmpty() && tokensPerMinute.isEmpty() && maxConcurrent.isEmpty();
    }
}
