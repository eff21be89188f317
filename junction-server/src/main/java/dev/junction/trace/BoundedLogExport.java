package dev.junction.trace;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;

/** Log records on their way to the collector through an {@link ExportBound}, as {@link BoundedSpanExport} does spans. */
final class BoundedLogExport {

    private BoundedLogExport() {}

    /** The log record processor in front of {@code batch}. */
    static LogRecordProcessor processor(LogRecordProcessor batch, ExportBound bound) {
        return new LogRecordProcessor() {
            @Override
            public void onEmit(Context context, ReadWriteLogRecord logRecord) {
                if (bound.admit()) {
                    batch.onEmit(context, logRecord);
                }
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
    static LogRecordExporter exporter(LogRecordExporter otlp, ExportBound bound) {
        return new LogRecordExporter() {
            @Override
            public CompletableResultCode export(Collection<LogRecordData> logs) {
                return bound.export(logs.size(), () -> otlp.export(logs));
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
