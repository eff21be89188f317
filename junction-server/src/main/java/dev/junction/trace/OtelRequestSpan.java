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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request's SERVER span and its attempts' CLIENT child spans. An attempt's span starts when its upstream request is
 * built (the {@link Propagation} is asked for its headers), so the upstream's {@code traceparent} names it; it ends
 * with the request, at the attempt's own end, once its {@link AttemptRecord} says how it went. An attempt that built
 * no upstream request (an in-process provider, a provider not configured) gets its span then, placed at its time.
 */
final class OtelRequestSpan implements RequestSpan {

    /** An attempt's span, started as its upstream request was built. */
    private static final class Live {
        final String provider;
        final String model;
        final Span span;
        final Instant started;
        boolean matched;

        Live(String provider, String model, Span span, Instant started) {
            this.provider = provider;
            this.model = model;
            this.span = span;
            this.started = started;
        }
    }

    private final Tracer tracer;
    private final Span span;
    private final List<Live> live = new ArrayList<>(2);

    OtelRequestSpan(Tracer tracer, Span span) {
        this.tracer = tracer;
        this.span = span;
    }

    @Override
    public Propagation propagation() {
        return this::attemptHeaders;
    }

    private Map<String, String> attemptHeaders(String provider, String model) {
        Instant now = Instant.now();
        Span attempt = tracer.spanBuilder("attempt " + model).setParent(Context.root().with(span))
                .setSpanKind(SpanKind.CLIENT).setStartTimestamp(now).startSpan();
        live.add(new Live(provider, model, attempt, now));
        Map<String, String> out = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(attempt), out, Map::put);
        return out;
    }

    @Override
    public void end(RequestFinished finished, Optional<String> route) {
        span.updateName(SpanAttributes.requestName(finished));
        span.setAllAttributes(SpanAttributes.request(finished, route));
        if (SpanAttributes.error(finished)) {
            span.setStatus(StatusCode.ERROR, SpanAttributes.errorType(finished).orElse("error"));
        }
        attempts(finished);
        for (Live abandoned : live) {
            if (!abandoned.matched) { // the client left while it was under way: no record says how it went
                abandoned.span.setAttribute(SpanAttributes.ERROR_TYPE, "abandoned");
                abandoned.span.setStatus(StatusCode.ERROR, "abandoned");
                abandoned.span.end();
            }
        }
        span.end();
    }

    private void attempts(RequestFinished finished) {
        List<AttemptRecord> attempts = finished.attempts();
        for (int i = 0; i < attempts.size(); i++) {
            AttemptRecord a = attempts.get(i);
            boolean answered = i == attempts.size() - 1 && a.error().isEmpty();
            Instant end = a.startedAt().plusMillis(a.latencyMs());
            Optional<Live> started = claim(a);
            Span child = started.map(l -> l.span).orElseGet(() -> tracer.spanBuilder("attempt")
                    .setParent(Context.root().with(span)).setSpanKind(SpanKind.CLIENT)
                    .setStartTimestamp(a.startedAt()).startSpan());
            child.updateName(finished.operation() + " " + a.step().model());
            child.setAllAttributes(SpanAttributes.attempt(finished, a, answered));
            a.error().ifPresent(e -> child.setStatus(StatusCode.ERROR, AttemptRecord.reason(e)));
            Instant startedAt = started.map(l -> l.started).orElse(a.startedAt());
            child.end(end.isBefore(startedAt) ? startedAt : end);
        }
    }

    /** The first unclaimed live span of the attempt's provider and model: attempts are made, and recorded, in order. */
    private Optional<Live> claim(AttemptRecord a) {
        for (Live l : live) {
            if (!l.matched && l.provider.equals(a.step().provider()) && l.model.equals(a.step().model())) {
                l.matched = true;
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
