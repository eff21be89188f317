package dev.junction.routing.health;

import java.time.Duration;
import java.util.Optional;

/**
 * A change in a deployment's health worth logging and counting: a circuit changing state, or a cool-down starting.
 *
 * @param from the state before ({@code closed}, {@code open}, {@code half_open}, or {@code ready} for a cool-down)
 * @param to the state after ({@code closed}, {@code open}, {@code half_open} or {@code cooling_down})
 * @param reason why, as a short class ({@code consecutive_failures}, {@code error_rate}, {@code probe_failed}, …)
 * @param lasting how long the new state lasts, when that is known
 */
record Transition(String from, String to, String reason, Optional<Duration> lasting) {

    /** Whether it takes the deployment out of service (the log says so louder). */
    boolean opens() {
        return to.equals(CircuitBreaker.State.OPEN.label());
    }
}
