package dev.junction.observe;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes one structured line per request to the {@code junction.request} logger, through an asynchronous appender
 * that drops rather than blocks, so logging never slows a request. Keys appear only by name.
 */
public final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("junction.request");

    private RequestLog() {}

    /** Logs the finished request. */
    public static void write(RequestRecord r) {
        long now = System.nanoTime();
        LoggingEventBuilder e = (r.status >= 500 ? LOG.atWarn() : LOG.atInfo())
                .addKeyValue("request_id", r.requestId)
                .addKeyValue("key", r.keyName)
                .addKeyValue("endpoint", r.endpoint)
                .addKeyValue("model", r.publicModel)
                .addKeyValue("provider", r.provider)
                .addKeyValue("upstream_model", r.upstreamModel)
                .addKeyValue("stream", r.stream)
                .addKeyValue("status", r.status)
                .addKeyValue("latency_ms", (now - r.startedNanos) / 1_000_000)
                .addKeyValue("ttfb_ms", r.firstByteNanos == 0 ? -1 : (r.firstByteNanos - r.startedNanos) / 1_000_000)
                .addKeyValue("tokens_in", r.usage.inputTokens())
                .addKeyValue("tokens_out", r.usage.outputTokens())
                .addKeyValue("cost_usd", dev.junction.pricing.Costs.usd(r.costs.chargedNanos()))
                .addKeyValue("attempts", r.attempts.size())
                .addKeyValue("attempt_log", r.attempts.stream().map(a -> a.summary())
                        .collect(Collectors.joining(",")));
        if (!r.errorType.isEmpty()) {
            e = e.addKeyValue("error_type", r.errorType).addKeyValue("error", r.errorMessage);
        }
        if (!r.units.isEmpty()) {
            e = e.addKeyValue("units", r.units.quantities().toString());
        }
        if (r.guardrails().isPresent()) {
            e = e.addKeyValue("guardrails", r.guardrails().get());
        }
        if (r.cacheHit.isPresent()) {
            e = e.addKeyValue("cache", r.cacheHit.get())
                    .addKeyValue("saved_usd", dev.junction.pricing.Costs.usd(r.cacheSavedNanos));
        }
        if (r.clientDisconnected) {
            e = e.addKeyValue("client_disconnected", true);
        }
        e.log("request");
    }
}
