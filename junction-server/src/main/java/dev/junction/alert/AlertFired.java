package dev.junction.alert;

import dev.junction.events.GatewayEvent;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

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

    @Override
    public void describe(ObjectNode summary) {
        summary.put("state", resolved ? "resolved" : "firing").put("rule", incident.rule())
                .put("subject", incident.subject()).put("summary", incident.summary())
                .put("since", incident.since().toString());
    }
}
