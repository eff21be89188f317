package dev.junction.alert;

import dev.junction.events.GatewayEvent;
import java.time.Instant;

/**
 * An incident fired or resolved on this replica: published on the event bus for the live event stream.
 *
 * @param at when
 * @param incident the incident (as it was when it fired)
 * @param resolved whether it ended (else it started)
 */
public record AlertFired(Instant at, Incident incident, boolean resolved) implements GatewayEvent {

    @Override
    public String kind() {
        return "alert";
    }
}
