package dev.junction.server;

import dev.junction.auth.AccessMode;
import dev.junction.governance.Governance;
import dev.junction.json.Json;
import dev.junction.runtime.GatewayRuntime;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code GET /ready} tells an operator: whether the gateway takes requests, whether it is open or closed to
 * callers without a key (and why), its key lookups, its place among the store's replicas (its id, the channels that
 * are up, the live peers and the revision each serves), the request log's health, and the spans and log records
 * tracing dropped. Stateless; event-loop only.
 */
final class Readiness {

    private Readiness() {}

    /**
     * Why the gateway should take no new requests now, empty when it should: it is draining, Redis is configured and
     * its channel is down, or the request log is above its high-water mark (its journal is filling up, so records
     * would soon be dropped).
     *
     * <p>The store being out of reach is not a reason (docs/operations.md, "Readiness policy"): every replica loses
     * the shared database at once, so following it would turn a database outage, which the journal covers, into an
     * outage of the whole gateway. It is reported in {@link #degraded} instead, and the high-water mark takes a
     * replica out once its journal cannot hold much more.
     */
    static java.util.List<String> unready(boolean draining, GatewayRuntime runtime, Governance governance) {
        java.util.List<String> reasons = new java.util.ArrayList<>();
        if (draining) {
            reasons.add("draining");
        }
        if (runtime.config().redisUrl().isPresent()
                && !governance.replicas().connectedChannels().contains("redis")) {
            reasons.add("Redis cannot be reached");
        }
        if (governance.writer().aboveHighWater()) {
            reasons.add("the request log is above its high-water mark");
        }
        return reasons;
    }

    /** What is wrong but does not stop the gateway serving: the store cannot be reached (records are journaled). */
    static java.util.List<String> degraded(Governance governance) {
        return governance.writer().stats().databaseUp() ? java.util.List.of()
                : java.util.List.of("the store cannot be reached");
    }

    static ObjectNode body(boolean draining, int inFlight, GatewayRuntime runtime, Governance governance,
                           dev.junction.trace.Tracing tracing) {
        java.util.List<String> unready = unready(draining, runtime, governance);
        ObjectNode body = Json.object().put("status", draining ? "draining" : unready.isEmpty() ? "ready" : "unready")
                .put("in_flight", inFlight).put("providers", runtime.config().providers().size());
        unready.forEach(body.putArray("unready_because")::add);
        degraded(governance).forEach(body.putArray("degraded")::add);
        AccessMode mode = runtime.callers().mode();
        ObjectNode auth = body.putObject("auth").put("mode", mode.wireName());
        mode.reasons().forEach(auth.putArray("because")::add);
        var lookups = governance.keyLookup().stats();
        auth.putObject("key_lookups").put("store_queries", lookups.storeQueries())
                .put("refused_busy", lookups.refusedBusy()).put("remembered_unknown", lookups.rememberedUnknown());
        var replicas = governance.replicas();
        ObjectNode replica = body.putObject("replica").put("id", replicas.replicaId())
                .put("revision", governance.snapshot().revision());
        replicas.connectedChannels().forEach(replica.putArray("channels")::add);
        var peers = replica.putArray("peers");
        replicas.peers().forEach(p -> peers.addObject().put("id", p.id()).put("revision", p.revision()));
        var logs = governance.writer().stats();
        ObjectNode log = body.putObject("request_log").put("database", logs.databaseUp() ? "up" : "down")
                .put("queued", logs.queued()).put("spooled_records", logs.spooledRecords())
                .put("spool_bytes", logs.spoolBytes()).put("dropped", logs.dropped())
                .put("late_waits", logs.lateWaits());
        logs.downSince().ifPresent(at -> log.put("down_since", at.toString()));
        body.putObject("tracing").put("enabled", tracing.enabled()).put("dropped_spans", tracing.droppedSpans())
                .put("dropped_logs", tracing.droppedLogs());
        return body;
    }
}
