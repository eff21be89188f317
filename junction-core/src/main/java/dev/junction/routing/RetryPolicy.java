package dev.junction.routing;

import java.time.Duration;

/**
 * How hard one request may try. Failing over to the next deployment is immediate; once every available deployment
 * has failed, the route starts over after an exponential backoff with jitter (or after the upstream's
 * {@code Retry-After}, when it is no longer than {@code maxRetryAfter}), until {@code maxAttempts} attempts have been
 * made in all. That budget is per request, so a storm of failures cannot multiply the load on the upstreams.
 *
 * @param maxAttempts attempts per request, across all deployments and passes (at least 1)
 * @param initialBackoff the wait before the second pass; doubled for each further pass
 * @param maxBackoff the longest wait between passes
 * @param maxRetryAfter the longest upstream {@code Retry-After} worth waiting for; longer ones fail the request
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /**
     * Four attempts, 250 ms doubling to 4 s, waiting up to 5 s for a {@code Retry-After}: the values a configured
     * {@code retry:} block starts from. A route without one gets {@link #onePass}.
     */
    public static final RetryPolicy DEFAULTS = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(4),
            Duration.ofSeconds(5));

    /**
     * Each deployment of a route once, no second pass: the default, since clients' SDKs retry on their own and a
     * gateway that retried too would multiply their retries.
     */
    public static RetryPolicy onePass(int deployments) {
        return new RetryPolicy(Math.max(1, deployments), DEFAULTS.initialBackoff, DEFAULTS.maxBackoff,
                DEFAULTS.maxRetryAfter);
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }
}
