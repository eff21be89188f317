package dev.junction.stage.trace;

import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Outcome;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import dev.junction.routing.Route;
import dev.junction.stage.record.RequestLogStage;
import dev.junction.trace.RequestSpan;
import dev.junction.trace.Tracing;
import io.vertx.core.Future;
import java.util.Locale;

/**
 * Traces the request: starts its span (the child of the client's {@code traceparent}, when it sent one) before
 * anything else but the request log, so that the span covers authentication too; hands its trace context to the
 * upstream requests ({@link Exchange#propagation}); and ends it once every inner stage has finished (costs known),
 * with a child span per upstream attempt. Placed only when tracing is on.
 */
public final class TraceStage implements Stage {

    private static final Exchange.Attribute<RequestSpan> SPAN = new Exchange.Attribute<>("trace.span");

    private final Tracing tracing;

    public TraceStage(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        RequestSpan span = tracing.start(exchange::header);
        exchange.attach(SPAN, span);
        exchange.propagation(span.propagation());
        return chain.proceed(exchange);
    }

    @Override
    public void finish(Exchange exchange, Outcome outcome) {
        exchange.attached(SPAN).ifPresent(span -> {
            RequestRecord record = exchange.record();
            span.end(RequestLogStage.finished(record, record.logged(),
                    exchange.dialect().name().toLowerCase(Locale.ROOT)), exchange.route().map(Route::name));
        });
    }
}
