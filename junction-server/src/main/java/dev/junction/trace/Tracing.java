package dev.junction.trace;

import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's traces: one {@link RequestSpan} per data-plane request. Thread safe; {@link #start} and the span's
 * methods never block. {@link #OFF} when tracing is not configured: it costs nothing and loads no OpenTelemetry class.
 */
public interface Tracing extends AutoCloseable {

    /** No tracing: spans that record nothing and propagate nothing. */
    Tracing OFF = new Tracing() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public RequestSpan start(Function<String, Optional<String>> clientHeaders) {
            return RequestSpan.NONE;
        }

        @Override
        public long droppedSpans() {
            return 0;
        }

        @Override
        public long droppedLogs() {
            return 0;
        }

        @Override
        public void close() {
        }
    };

    /** Whether spans are exported. */
    boolean enabled();

    /**
     * Starts a request's span, now, as the child of the client's W3C {@code traceparent} (with its
     * {@code tracestate}) when it sent a valid one.
     *
     * @param clientHeaders the client's request headers by lower-case name
     */
    RequestSpan start(Function<String, Optional<String>> clientHeaders);

    /** Spans dropped since start: the export queue was full or the collector failed to take them. */
    long droppedSpans();

    /** Log records dropped since start, for the same reasons. */
    long droppedLogs();

    /** Exports what is queued (briefly) and stops. */
    @Override
    void close();
}
