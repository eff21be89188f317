package dev.junction.events;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Something that happened in the gateway, worth telling its observers. Immutable. */
public interface GatewayEvent {

    /** A short, stable name of the event's kind ({@code request}, {@code health}, …): the live stream's event name. */
    String kind();

    /** When it happened. */
    Instant at();

    /** The tenant it concerns, when it concerns one (a request of a tenant's key); empty for gateway-wide events. */
    default Optional<String> tenantId() {
        return Optional.empty();
    }

    /**
     * Adds the event's own fields to its summary on the live stream (after {@code kind}, {@code at} and
     * {@code tenant_id}); never a secret, a body or an error message the caller did not see.
     */
    default void describe(ObjectNode summary) {
    }
}
