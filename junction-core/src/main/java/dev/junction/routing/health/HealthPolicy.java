package dev.junction.routing.health;

import java.time.Duration;

/**
 * When a deployment's circuit opens and for how long. A circuit opens after {@code consecutiveFailures} failures in a
 * row, or when at least {@code minRequests} attempts in the last {@code window} failed at a rate of
 * {@code errorRate} or more; it stays open for {@code coolDown}, then lets one probe through (half-open), and the
 * probe's success closes it (its failure opens it again).
 *
 * @param consecutiveFailures failures in a row that open the circuit (at least 1)
 * @param errorRate the share of failed attempts in the window that opens the circuit (above 0, at most 1)
 * @param minRequests the fewest attempts in the window for the error rate to be judged (at least 1)
 * @param window the sliding window the error rate is measured over (at least one second)
 * @param coolDown how long an open circuit stays open before its probe
 * @param rateLimitCoolDown how long a deployment rests after a rate limit that gave no {@code Retry-After}
 */
public record HealthPolicy(int consecutiveFailures, double errorRate, int minRequests, Duration window,
                           Duration coolDown, Duration rateLimitCoolDown) {

    /** The rest after a rate limit without {@code Retry-After}: 10 s. */
    public static final Duration DEFAULT_RATE_LIMIT_COOL_DOWN = Duration.ofSeconds(10);

    /** 5 in a row, or half of at least 20 in a minute; 30 s open; 10 s rest after a bare 429. */
    public static final HealthPolicy DEFAULTS = new HealthPolicy(5, 0.5, 20, Duration.ofSeconds(60),
            Duration.ofSeconds(30));

    public HealthPolicy {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1, got " + consecutiveFailures);
        }
        if (!(errorRate > 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be above 0 and at most 1, got " + errorRate);
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("minRequests must be at least 1, got " + minRequests);
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("window must be at least one second, got " + window);
        }
        if (coolDown.isNegative() || rateLimitCoolDown.isNegative()) {
            throw new IllegalArgumentException("cool-downs must not be negative");
        }
    }

    /** A policy with the default rest after a rate limit ({@link #DEFAULT_RATE_LIMIT_COOL_DOWN}). */
    public HealthPolicy(int consecutiveFailures, double errorRate, int minRequests, Duration window,
                        Duration coolDown) {
        this(consecutiveFailures, errorRate, minRequests, window, coolDown, DEFAULT_RATE_LIMIT_COOL_DOWN);
    }
}
