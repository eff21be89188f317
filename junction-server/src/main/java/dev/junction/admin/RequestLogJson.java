package dev.junction.admin;

import dev.junction.entity.Attribution;
import dev.junction.json.Json;
import dev.junction.observe.LoggedAttempt;
import dev.junction.observe.LoggedRequest;
import dev.junction.observe.ResponseHeaders;
import dev.junction.pricing.Costs;
import dev.junction.store.StoredRequestLog;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Request-log entries in the admin API's JSON: costs in US dollars, bodies only when they were captured. */
final class RequestLogJson {

    private RequestLogJson() {}

    /** One entry as the API shows it. */
    static ObjectNode render(StoredRequestLog stored) {
        LoggedRequest r = stored.request();
        Attribution caller = r.caller();
        ObjectNode node = Json.object().put("request_id", r.requestId()).put("started_at", r.startedAt().toString())
                .put("key_name", caller.keyName());
        optional(node, "key_id", caller.keyId());
        optional(node, "user_id", caller.userId());
        optional(node, "team_id", caller.teamId());
        optional(node, "tenant_id", caller.tenantId());
        node.put("endpoint", r.endpoint()).put("model", r.publicModel()).put("provider", r.provider())
                .put("deployment", r.deployment()).put("upstream_model", r.upstreamModel()).put("stream", r.stream())
                .put("source", r.source().wireName())
                .put("cache_hit", r.cacheHit()).put("status", r.status()).put("latency_ms", r.latencyMillis())
                .put("ttfb_ms", r.ttfbMillis());
        node.putObject("usage").put("input", r.usage().inputTokens()).put("output", r.usage().outputTokens())
                .put("cached_read", r.usage().cachedReadTokens()).put("cache_write", r.usage().cacheWriteTokens())
                .put("reasoning", r.usage().reasoningTokens());
        node.putObject("costs").put("metered_usd", Costs.usd(r.costs().meteredNanos()))
                .put("standard_usd", Costs.usd(r.costs().standardNanos()))
                .put("charged_usd", Costs.usd(r.costs().chargedNanos()));
        node.put("attempts", r.attempts());
        // Rows logged before attempt detail and headers were kept have empty ones; their attempts string remains.
        node.set("attempt_log", LoggedAttempt.toArray(r.attemptLog()));
        node.set("response_headers", ResponseHeaders.toObject(r.responseHeaders()));
        optional(node, "error_type", r.errorType());
        optional(node, "error_message", r.errorMessage());
        optional(node, "guardrails", r.guardrails());
        ObjectNode units = node.putObject("units");
        r.units().quantities().forEach(units::put);
        optional(node, "cache", Optional.of(r.cache().outcome()).filter(o -> !o.isEmpty()));
        node.put("cache_saved_usd", Costs.usd(r.cache().savedNanos()));
        r.requestBody().ifPresent(b -> node.put("request_body", b));
        r.responseBody().ifPresent(b -> node.put("response_body", b));
        return node;
    }

    private static void optional(ObjectNode node, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> node.put(field, v), () -> node.putNull(field));
    }
}
