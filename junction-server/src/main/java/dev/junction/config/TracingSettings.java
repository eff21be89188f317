package dev.junction.config;

/**
 * The settings of OpenTelemetry traces and logs over OTLP (`tracing:` and the `OTEL_*`/`OTLP_*` environment). Immutable. (Placeholder: the fields arrive with the feature.)
 */
public record TracingSettings() {

    /** The settings when the configuration says nothing. */
    public static final TracingSettings DEFAULT = new TracingSettings();
}
