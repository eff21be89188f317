package dev.junction.routing.health;

import java.time.Instant;
import java.util.Optional;

/**
 * One deployment's health at a moment, as the admin API shows it.
 *
 * @param id the deployment's id
 * @param circuit {@code closed}, {@code open} or {@code half_open}
 * @param openUntil when an open circuit lets its next probe through (present only while it is open)
 * @param coolingDownUntil when a rate-limit cool-down ({@code Retry-After}) ends (present only while it runs)
 * @param latencyMillis the EWMA of the time to first byte, NaN when unknown
 * @param inFlight attempts in flight now
 * @param successes attempts that succeeded since the gateway started
 * @param failures attempts that failed since the gateway started, whatever the cause (the circuit counts only the
 *     deployment's own faults)
 * @param consecutiveFailures the deployment's own faults since its last success
 * @param lastError the class of the last error ({@code timeout}, {@code rate_limited}, {@code http_500}, …)
 * @param transitions how many times the circuit changed state or a cool-down started
 */
public record DeploymentStatus(String id, String circuit, Optional<Instant> openUntil,
                               Optional<Instant> coolingDownUntil, double latencyMillis, int inFlight,
                               long successes, long failures, int consecutiveFailures, Optional<String> lastError,
                               long transitions) {

    /** A status without a transition count (zero). */
    public DeploymentStatus(String id, String circuit, Optional<Instant> openUntil,
                            Optional<Instant> coolingDownUntil, double latencyMillis, int inFlight, long successes,
                            long failures, int consecutiveFailures, Optional<String> lastError) {
        this(id, circuit, openUntil, coolingDownUntil, latencyMillis, inFlight, successes, failures,
                consecutiveFailures, lastError, 0);
    }
}
