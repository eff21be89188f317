package dev.junction.trace;

import dev.junction.events.RequestFinished;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import java.util.function.Consumer;

/**
 * The request log line as an OTLP log record, emitted for every {@link RequestFinished}: the same fields as the JSON
 * line ({@code request_id}, {@code key} (its name), {@code endpoint}, {@code model}, {@code status}, tokens, cost,
 * attempts, the error's type and redacted message), never a body or a key. Runs on the publisher's thread; emitting
 * only enqueues.
 */
final class RequestLogRecords implements Consumer<RequestFinished> {

    private final Logger logger;

    RequestLogRecords(Logger logger) {
        this.logger = logger;
    }

    @Override
    public void accept(RequestFinished finished) {
        boolean warn = finished.request().status() >= 500;
        logger.logRecordBuilder()
                .setTimestamp(finished.at())
                .setSeverity(warn ? Severity.WARN : Severity.INFO)
                .setSeverityText(warn ? "WARN" : "INFO")
                .setBody("request")
                .setAllAttributes(attributes(finished))
                .emit();
    }

    static Attributes attributes(RequestFinished finished) {
        LoggedRequest r = finished.request();
        AttributesBuilder a = Attributes.builder()
                .put("request_id", r.requestId())
                .put("key", finished.authenticated() ? r.caller().keyName() : "-")
                .put("endpoint", r.endpoint())
                .put("operation", finished.operation())
                .put("dialect", finished.dialect())
                .put("model", r.publicModel())
                .put("provider", r.provider())
                .put("upstream_model", r.upstreamModel())
                .put("stream", r.stream())
                .put("status", r.status())
                .put("latency_ms", finished.durationNanos() / 1_000_000)
                .put("ttfb_ms", finished.firstByteNanos() < 0 ? -1 : finished.firstByteNanos() / 1_000_000)
                .put("tokens_in", r.usage().inputTokens())
                .put("tokens_out", r.usage().outputTokens())
                .put("cost_usd", Costs.usd(r.costs().chargedNanos()))
                .put("attempts", finished.attempts().size())
                .put("attempt_log", r.attempts());
        r.errorType().ifPresent(t -> a.put("error_type", t));
        r.errorMessage().ifPresent(m -> a.put("error", m));
        if (finished.clientGone()) {
            a.put("client_disconnected", true);
        }
        return a.build();
    }
}
