package dev.junction.live;

import dev.junction.events.GatewayEvent;
import dev.junction.events.HealthChanged;
import dev.junction.events.RequestFinished;
import dev.junction.json.Json;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the live stream tells of an event: for a request, who asked what of whom and how it went (no bodies, no
 * error messages, never a key); for a health change, the deployment and its new state; for any other kind, its
 * kind, time and tenant.
 */
final class EventSummary {

    private EventSummary() {
    }

    static ObjectNode of(GatewayEvent event) {
        ObjectNode json = Json.object().put("kind", event.kind()).put("at", event.at().toString());
        event.tenantId().ifPresent(t -> json.put("tenant_id", t));
        switch (event) {
            case RequestFinished r -> request(json, r);
            case HealthChanged h -> json.put("deployment", h.health().deployment()).put("state", h.health().state())
                    .put("lasting_ms", h.health().lasting().toMillis());
            default -> event.describe(json);
        }
        return json;
    }

    private static void request(ObjectNode json, RequestFinished event) {
        LoggedRequest r = event.request();
        json.put("request_id", r.requestId()).put("key_name", r.caller().keyName());
        // The virtual key's id (not a secret: the admin API lists it), so a reader can follow one key's requests.
        r.caller().keyId().ifPresent(k -> json.put("key_id", k));
        r.caller().userId().ifPresent(u -> json.put("user_id", u));
        r.caller().teamId().ifPresent(t -> json.put("team_id", t));
        json.put("operation", event.operation()).put("dialect", event.dialect()).put("endpoint", r.endpoint())
                .put("model", r.publicModel()).put("provider", r.provider()).put("deployment", r.deployment())
                .put("upstream_model", r.upstreamModel()).put("stream", r.stream()).put("status", r.status())
                .put("latency_ms", r.latencyMillis()).put("ttfb_ms", r.ttfbMillis())
                .put("input_tokens", r.usage().inputTokens()).put("output_tokens", r.usage().outputTokens())
                .put("cost_usd", Costs.usd(r.costs().chargedNanos())).put("attempts", event.attempts().size());
        r.errorType().ifPresent(e -> json.put("error_type", e));
    }
}
