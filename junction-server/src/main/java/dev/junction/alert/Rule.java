package dev.junction.alert;

import dev.junction.config.AlertSettings;
import dev.junction.events.GatewayEvent;
import java.time.Instant;
import java.util.List;

/**
 * One watched condition. {@link #observe} and {@link #evaluate} are called on the alert thread only, so rules keep
 * plain state; every subject {@link #evaluate} returns is an incident (opened if new), every open one it no longer
 * returns is resolved.
 */
interface Rule {

    /** The settings it was made from. */
    AlertSettings.Rule settings();

    /** Takes in an event from the bus (most rules ignore most events). */
    default void observe(GatewayEvent event) {}

    /** The subjects wrong at {@code now}. */
    List<Finding> evaluate(Instant now, Probes probes);

    default String name() {
        return settings().name();
    }
}
