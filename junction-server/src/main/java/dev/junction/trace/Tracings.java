package dev.junction.trace;

import dev.junction.config.TracingSettings;
import dev.junction.events.EventBus;

/** Starts the gateway's tracing from its settings. */
public final class Tracings {

    private Tracings() {}

    /**
     * {@link Tracing#OFF} unless the settings enable tracing; otherwise the OpenTelemetry SDK exporting over
     * OTLP/HTTP, and, when {@link TracingSettings#exportsLogs()}, the request log line as a log record of every
     * request {@code events} reports finished. Only this branch loads OpenTelemetry classes.
     */
    public static Tracing start(TracingSettings settings, EventBus events) {
        if (!settings.enabled()) {
            return Tracing.OFF;
        }
        return OtelTracing.start(settings, events);
    }
}
