package dev.junction.routing.health;

import java.time.Duration;

/**
 * When a deployment's circuit opens and for how long. A circuit opens after {@code consecutiveFailures} failures in a
 * row, or when at least {@code minRequests} attempts in the last {@code window} failed at a rate of
 * {@code errorRate} or more; it stays open for {@code coolDown}, then lets one probe through (half-open), and the
 * probe's success closes it (its failure opens it again).
 */
public record HealthPolicy(int consecutiveFailures, double errorRate, int minRequests, Duration window,
                           Duration coolDown) {

    /** 5 in a row, or half of at least 20 in a minute; 30 s open. */
    public static final HealthPolicy DEFAULTS = new HealthPolicy(5, 0.5, 20, Duration.ofSeconds(60),
            Duration.ofSeconds(30));
}
