package dev.junction.events;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * An extension's hook threw or overran its timeout on a request; {@code disabled} when this failure was the one that
 * disabled the extension (its consecutive failures reached the configured limit).
 *
 * @param hook {@code request}, {@code routing}, {@code response}, {@code stream-event} or {@code finished}
 * @param reason {@code timeout} or {@code error}
 * @param failureMode {@code fail-open} or {@code fail-closed}
 */
public record ExtensionFailed(Instant at, String requestId, String extension, String hook, String reason,
                              String failureMode, boolean disabled) implements GatewayEvent {

    @Override
    public String kind() {
        return "extension";
    }

    @Override
    public void describe(ObjectNode summary) {
        summary.put("request_id", requestId).put("extension", extension).put("hook", hook).put("reason", reason)
                .put("failure_mode", failureMode).put("disabled", disabled);
    }
}
