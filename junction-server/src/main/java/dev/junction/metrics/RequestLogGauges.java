package dev.junction.metrics;

import dev.junction.observe.RequestLogWriter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** The request log's write-behind writer: records queued in memory, the spool's size, and the records lost. */
final class RequestLogGauges implements MeterBinder {

    private final RequestLogWriter writer;

    RequestLogGauges(RequestLogWriter writer) {
        this.writer = writer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("junction.request_log.queue.depth", writer, w -> w.stats().queued())
                .description("Request-log records waiting in memory for the database").register(registry);
        Gauge.builder("junction.request_log.spool.records", writer, w -> w.stats().spooledRecords())
                .description("Request-log records in the spool, not yet replayed").register(registry);
        Gauge.builder("junction.request_log.spool.size", writer, w -> w.stats().spoolBytes()).baseUnit("bytes")
                .description("The request-log spool's size on disk").register(registry);
        FunctionCounter.builder("junction.request_log.dropped", writer, w -> w.stats().dropped())
                .description("Request-log records lost (spool full or failing)").register(registry);
        FunctionCounter.builder("junction.request_log.written", writer, w -> w.stats().written())
                .description("Request-log records stored").register(registry);
    }
}
