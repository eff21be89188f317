package dev.junction.trace;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Spans on their way to the collector through an {@link ExportBound}: the processor admits an ended, sampled span to
 * the batch processor behind it only within the bound; the exporter releases the bound as batches go out and counts
 * the spans of a failed export as dropped.
 */
final class BoundedSpanExport {

    private BoundedSpanExport() {}

    /** The span processor in front of {@code batch}. */
    static SpanProcessor processor(SpanProcessor batch, ExportBound bound) {
        return new SpanProcessor() {
            @Override
            public void onStart(Context parent, ReadWriteSpan span) {
            }

            @Override
            public boolean isStartRequired() {
                return false;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                if (span.getSpanContext().isSampled() && bound.admit()) {
                    batch.onEnd(span);
                }
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }

            @Override
            public CompletableResultCode shutdown() {
                return batch.shutdown();
            }

            @Override
            public CompletableResultCode forceFlush() {
                return batch.forceFlush();
            }
        };
    }

    /** The exporter behind the batch processor. */
    static SpanExporter exporter(SpanExporter otlp, ExportBound bound) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return bound.export(spans.size(), () -> otlp.export(spans));
            }

            @Override
            public CompletableResultCode flush() {
                return otlp.flush();
            }

            @Override
            public CompletableResultCode shutdown() {
                return otlp.shutdown();
            }
        };
    }
}
