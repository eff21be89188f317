package dev.junction.trace;

import dev.junction.events.RequestFinished;
import dev.junction.routing.AttemptRecord;
import dev.junction.upstream.Propagation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request's SERVER span; its attempts become CLIENT child spans when it ends, each placed at the attempt's own start
 * and duration. Upstream requests carry a {@code traceparent} naming the request span.
 */
final class OtelRequestSpan implements RequestSpan {

    private final Tracer tracer;
    private final Span span;
    private Map<String, String> headers;

    OtelRequestSpan(Tracer tracer, Span span) {
        this.tracer = tracer;
        this.span = span;
    }

    @Override
    public Propagation propagation() {
        return this::headers;
    }

    private Map<String, String> headers() {
        if (headers == null) {
            Map<String, String> out = new HashMap<>(2);
            W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), out, Map::put);
            headers = Map.copyOf(out);
        }
        return headers;
    }

    @Override
    public void end(RequestFinished finished, Optional<String> route) {
        span.updateName(SpanAttributes.requestName(finished));
        span.setAllAttributes(SpanAttributes.request(finished, route));
        if (SpanAttributes.error(finished)) {
            span.setStatus(StatusCode.ERROR, SpanAttributes.errorType(finished).orElse("error"));
        }
        if (span.getSpanContext().isSampled()) {
            attempts(finished);
        }
        span.end();
    }

    private void attempts(RequestFinished finished) {
        Context parent = Context.root().with(span);
        List<AttemptRecord> attempts = finished.attempts();
        for (int i = 0; i < attempts.size(); i++) {
            AttemptRecord a = attempts.get(i);
            boolean answered = i == attempts.size() - 1 && a.error().isEmpty();
            Span child = tracer.spanBuilder(finished.operation() + " " + a.step().model())
                    .setParent(parent)
                    .setSpanKind(SpanKind.CLIENT)
                    .setStartTimestamp(a.startedAt())
                    .setAllAttributes(SpanAttributes.attempt(finished, a, answered))
                    .startSpan();
            a.error().ifPresent(e -> child.setStatus(StatusCode.ERROR, AttemptRecord.reason(e)));
            child.end(a.startedAt().plusMillis(a.latencyMs()));
        }
    }
}
