package dev.junction.examples.audit;

import dev.junction.extension.RequestSummary;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One finished request as the audit line's JSON object: who, what, where it went, how it ended, what it cost. */
final class AuditLine {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditLine() {
    }

    static String of(RequestSummary s) {
        ObjectNode line = JSON.createObjectNode()
                .put("request_id", s.requestId())
                .put("started_at", s.startedAt().toString())
                .put("key", s.caller().keyName());
        s.caller().userId().ifPresent(v -> line.put("user", v));
        s.caller().teamId().ifPresent(v -> line.put("team", v));
        s.caller().tenantId().ifPresent(v -> line.put("tenant", v));
        line.put("operation", s.operation()).put("model", s.model()).put("provider", s.provider())
                .put("deployment", s.deployment()).put("stream", s.stream()).put("status", s.status());
        s.errorType().ifPresent(v -> line.put("error_type", v));
        line.put("input_tokens", s.usage().inputTokens()).put("output_tokens", s.usage().outputTokens())
                .put("cost_nanos", s.costs().chargedNanos()).put("latency_ms", s.latencyMs());
        return JSON.writeValueAsString(line);
    }
}
