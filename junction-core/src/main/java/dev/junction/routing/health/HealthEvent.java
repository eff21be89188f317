package dev.junction.routing.health;

import java.time.Duration;

/**
 * A change in a deployment's health that other replicas should know about: its circuit opened (for
 * {@code lasting}), closed (a probe succeeded), or a cool-down started (for {@code lasting}). Shared across replicas
 * so that one replica's discovery spares the others the same failures.
 *
 * @param deployment the deployment id
 * @param state {@link #OPEN}, {@link #CLOSED} or {@link #COOLING_DOWN}
 * @param lasting how long an open circuit or a cool-down lasts; zero for {@link #CLOSED}
 */
public record HealthEvent(String deployment, String state, Duration lasting) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String COOLING_DOWN = "cooling_down";

    /** The event a local transition stands for, if it is one worth sharing. */
    static java.util.Optional<HealthEvent> of(String deployment, Transition transition) {
        return switch (transition.to()) {
            case OPEN, COOLING_DOWN -> transition.reason().endsWith("_elsewhere")
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(new HealthEvent(deployment, transition.to(),
                            transition.lasting().orElse(Duration.ZERO)));
            case CLOSED -> transition.reason().endsWith("_elsewhere") ? java.util.Optional.empty()
                    : java.util.Optional.of(new HealthEvent(deployment, CLOSED, Duration.ZERO));
            default -> java.util.Optional.empty();
        };
    }
}
