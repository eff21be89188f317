package dev.junction.routing.health;

import java.time.Instant;
import java.util.Optional;

/**
 * One deployment's health at a moment, as the admin API shows it.
 *
 * @param circuit {@code closed}, {@code open} or {@code half_open}
 * @param openUntil when an open circuit lets its next probe through
 * @param coolingDownUntil when a rate-limit cool-down ({@code Retry-After}) ends
 * @param latencyMillis the EWMA of the time to first byte, NaN when unknown
 * @param lastError the class of the last error ({@code timeout}, {@code rate_limited}, {@code http_500}, …)
 */
public record DeploymentStatus(String id, String circuit, Optional<Instant> openUntil,
                               Optional<Instant> coolingDownUntil, double latencyMillis, int inFlight,
                               long successes, long failures, int consecutiveFailures, Optional<String> lastError) {}
