package dev.junction.events;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A guardrail policy's detector found an entity in a request's input or answer, and what was done about it: one event
 * per distinct (policy, detector, entity type, action, direction) of a request, published when the request is over.
 * Never the matched text.
 *
 * @param action {@code block}, {@code redact} or {@code flag}
 * @param direction {@code input} or {@code output}
 */
public record GuardrailTriggered(Instant at, String requestId, Optional<String> tenantId, String policy,
                                 String detector, String entityType, String action, String direction)
        implements GatewayEvent {

    @Override
    public String kind() {
        return "guardrail";
    }

    @Override
    public void describe(ObjectNode summary) {
        summary.put("request_id", requestId).put("policy", policy).put("detector", detector)
                .put("entity_type", entityType).put("action", action).put("direction", direction);
    }
}
