/**
 * The gateway's Prometheus metrics ({@code GET /metrics}), through Micrometer's Prometheus registry: the GenAI
 * semantic conventions of OpenTelemetry ({@code gen_ai_*}) and the gateway's own ({@code junction_*}), counted from
 * the {@link dev.junction.events.EventBus} on the publisher's thread (increments only, meters cached per label
 * tuple), gauges read at scrape time (deployment health, the request-log writer), JVM binders and the event loops'
 * lag. Every label's values are bounded: no secrets, key names only when configured, and any label that could take
 * values from clients is capped.
 */
package dev.junction.metrics;
