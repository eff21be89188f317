package dev.junction.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The settings of OpenTelemetry traces and logs over OTLP/HTTP ({@code tracing:} and the {@code OTEL_*}/{@code OTLP_*}
 * environment). Tracing is on only when an endpoint is known and it is not disabled. Immutable. The headers carry
 * credentials: {@link #toString} names them without their values.
 *
 * @param enabled whether spans are exported at all (an endpoint is known and {@code tracing.enabled} is not false)
 * @param tracesEndpoint the full URL spans are posted to ({@code …/v1/traces}), when known
 * @param logsEndpoint the full URL log records are posted to ({@code …/v1/logs}), when known
 * @param headers sent with every export (the collector's credentials), names in lower case
 * @param serviceName the resource's {@code service.name}
 * @param resourceAttributes further resource attributes ({@code deployment.environment}, …)
 * @param sampleRatio the share of new traces sampled, 0 to 1 (a client's sampled parent is always followed)
 * @param logs whether the request log line also goes out as an OTLP log record
 * @param queueSize the most spans (and log records) waiting for export; beyond it they are dropped and counted
 */
public record TracingSettings(boolean enabled, Optional<String> tracesEndpoint, Optional<String> logsEndpoint,
                              Map<String, String> headers, String serviceName, Map<String, String> resourceAttributes,
                              double sampleRatio, boolean logs, int queueSize) {

    /** The default {@code service.name}. */
    public static final String SERVICE_NAME = "junction";
    /** The default bound of the export queue. */
    public static final int QUEUE_SIZE = 2048;

    /** The settings when the configuration and the environment say nothing: off. */
    public static final TracingSettings DEFAULT = new TracingSettings(false, Optional.empty(), Optional.empty(),
            Map.of(), SERVICE_NAME, Map.of(), 1.0, false, QUEUE_SIZE);

    public TracingSettings {
        Objects.requireNonNull(tracesEndpoint);
        Objects.requireNonNull(logsEndpoint);
        headers = Map.copyOf(headers);
        resourceAttributes = Map.copyOf(resourceAttributes);
        Objects.requireNonNull(serviceName);
        if (enabled && tracesEndpoint.isEmpty()) {
            throw new IllegalArgumentException("Tracing needs an endpoint");
        }
    }

    /** Whether log records go out: tracing is on and {@code tracing.logs} asks for them. */
    public boolean exportsLogs() {
        return enabled && logs && logsEndpoint.isPresent();
    }

    @Override
    public String toString() {
        return "TracingSettings[enabled=" + enabled + ", tracesEndpoint=" + tracesEndpoint.orElse("-")
                + ", logsEndpoint=" + logsEndpoint.orElse("-") + ", headers="
                + headers.keySet().stream().sorted().map(k -> k + "=***").collect(Collectors.joining(",", "{", "}"))
                + ", serviceName=" + serviceName + ", resourceAttributes=" + resourceAttributes + ", sampleRatio="
                + sampleRatio + ", logs=" + logs + ", queueSize=" + queueSize + "]";
    }
}
