package dev.junction.events;

import dev.junction.routing.health.HealthEvent;
import java.time.Instant;

/**
 * A deployment's circuit opened or closed, or a cool-down started, on this replica (a change learnt from another
 * replica is that replica's event, not this one's).
 *
 * @param at when
 * @param health the deployment, its new state and how long it lasts
 */
public record HealthChanged(Instant at, HealthEvent health) implements GatewayEvent {

    @Override
    public String kind() {
        return "health";
    }
}
