/**
 * Traces and logs over OTLP/HTTP: {@link dev.junction.trace.Tracing}, the gateway's view of them (a span per
 * request, child spans per upstream attempt, the request log line as a log record), and {@link
 * dev.junction.trace.Tracings}, which starts the OpenTelemetry SDK only when an endpoint is configured. The interfaces
 * and the no-op implementation import nothing of OpenTelemetry, so that a gateway without tracing never loads the SDK.
 * Export runs on the SDK's own threads through bounded queues; a full queue or a failed export drops and counts.
 */
package dev.junction.trace;
