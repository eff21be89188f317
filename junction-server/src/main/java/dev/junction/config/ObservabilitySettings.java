package dev.junction.config;

/**
 * How the gateway makes its traffic visible: metrics, traces and logs over OTLP, alerts, and analytics. Immutable.
 * Each part has its own top-level section in the configuration file.
 *
 * @param metrics {@code metrics:}
 * @param tracing {@code tracing:} and the {@code OTEL_*} / {@code OTLP_*} environment
 * @param alerts {@code alerts:}
 * @param analytics {@code analytics:}
 */
public record ObservabilitySettings(MetricsSettings metrics, TracingSettings tracing, AlertSettings alerts,
                                    AnalyticsSettings analytics) {

    /** Everything at its defaults. */
    public static final ObservabilitySettings DEFAULT = new ObservabilitySettings(MetricsSettings.DEFAULT,
            TracingSettings.DEFAULT, AlertSettings.DEFAULT, AnalyticsSettings.DEFAULT);
}
