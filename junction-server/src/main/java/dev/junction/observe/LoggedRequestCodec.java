package dev.junction.observe;

import dev.junction.budget.BudgetWindow;
import dev.junction.budget.Settlement;
import dev.junction.entity.Attribution;
import dev.junction.json.Json;
import dev.junction.model.Usage;
import dev.junction.pricing.Costs;
import dev.junction.pricing.UnitUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link LoggedRequest} as one line of JSON, and back: the spool's format. Field names are the record's component
 * names; {@code startedAt} is epoch milliseconds (sub-millisecond precision is not kept); empty optionals are left
 * out. Unknown fields are ignored when reading, so an older writer's spool stays readable. Stateless and thread safe.
 */
public final class LoggedRequestCodec {

    /** Turns a record into one line of JSON, without a line break (strings escape theirs). */
    public String encode(LoggedRequest r) {
        ObjectNode o = Json.object()
                .put("requestId", r.requestId())
                .put("startedAt", r.startedAt().toEpochMilli());
        o.set("caller", caller(r.caller()));
        o.put("endpoint", r.endpoint())
                .put("publicModel", r.publicModel())
                .put("provider", r.provider())
                .put("deployment", r.deployment())
                .put("upstreamModel", r.upstreamModel())
                .put("stream", r.stream())
                .put("cacheHit", r.cacheHit())
                .put("status", r.status())
                .put("latencyMillis", r.latencyMillis())
                .put("ttfbMillis", r.ttfbMillis());
        Usage u = r.usage();
        o.putObject("usage")
                .put("inputTokens", u.inputTokens())
                .put("outputTokens", u.outputTokens())
                .put("cachedReadTokens", u.cachedReadTokens())
                .put("cacheWriteTokens", u.cacheWriteTokens())
                .put("reasoningTokens", u.reasoningTokens());
        Costs c = r.costs();
        o.putObject("costs")
                .put("meteredNanos", c.meteredNanos())
                .put("standardNanos", c.standardNanos())
                .put("chargedNanos", c.chargedNanos());
        o.put("attempts", r.attempts());
        putIfPresent(o, "errorType", r.errorType());
        putIfPresent(o, "errorMessage", r.errorMessage());
        putIfPresent(o, "requestBody", r.requestBody());
        putIfPresent(o, "responseBody", r.responseBody());
        if (!r.attemptLog().isEmpty()) {
            o.set("attemptLog", LoggedAttempt.toArray(r.attemptLog()));
        }
        if (!r.responseHeaders().isEmpty()) {
            o.set("responseHeaders", ResponseHeaders.toObject(r.responseHeaders()));
        }
        o.put("source", r.source().wireName());
        putIfPresent(o, "guardrails", r.guardrails());
        if (!r.units().isEmpty()) {
            ObjectNode units = o.putObject("units");
            r.units().quantities().forEach(units::put);
        }
        if (!r.cache().equals(CacheOutcome.NONE)) {
            o.put("cache", r.cache().outcome()).put("cacheSavedNanos", r.cache().savedNanos());
        }
        r.budget().ifPresent(b -> o.set("budget", settlement(b)));
        return Json.write(o);
    }

    /**
     * Reads a line written by {@link #encode}.
     *
     * @throws IllegalArgumentException when the line is not JSON or a field is missing or of the wrong type
     */
    public LoggedRequest decode(String line) {
        try {
            JsonNode o = Json.MAPPER.readTree(line);
            if (o == null || !o.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonNode u = field(o, "usage");
            JsonNode c = field(o, "costs");
            return new LoggedRequest(string(o, "requestId"), Instant.ofEpochMilli(number(o, "startedAt")),
                    caller(field(o, "caller")), string(o, "endpoint"), string(o, "publicModel"),
                    string(o, "provider"), string(o, "deployment"), string(o, "upstreamModel"),
                    field(o, "stream").booleanValue(), field(o, "cacheHit").booleanValue(),
                    field(o, "status").intValue(), number(o, "latencyMillis"), number(o, "ttfbMillis"),
                    new Usage(number(u, "inputTokens"), number(u, "outputTokens"), number(u, "cachedReadTokens"),
                            number(u, "cacheWriteTokens"), number(u, "reasoningTokens")),
                    new Costs(number(c, "meteredNanos"), number(c, "standardNanos"), number(c, "chargedNanos")),
                    string(o, "attempts"), optional(o, "errorType"), optional(o, "errorMessage"),
                    optional(o, "requestBody"), optional(o, "responseBody"),
                    LoggedAttempt.fromJson(Optional.ofNullable(o.get("attemptLog")).map(Json::write)),
                    ResponseHeaders.fromJson(Optional.ofNullable(o.get("responseHeaders")).map(Json::write)),
                    RequestSource.ofWireName(optional(o, "source").orElse("api")), optional(o, "guardrails"),
                    units(o.get("units")), CacheOutcome.of(optional(o, "cache").orElse(""),
                            o.path("cacheSavedNanos").asLong(0)), settlement(o.get("budget")));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode settlement(Settlement s) {
        ObjectNode o = Json.object().put("reservationId", s.reservationId()).put("actualNanos", s.actualNanos())
                .put("run", s.run());
        ArrayNode spots = o.putArray("spots");
        for (Settlement.Spot spot : s.spots()) {
            ObjectNode each = spots.addObject().put("account", spot.accountId())
                    .put("start", spot.window().start().getEpochSecond());
            spot.window().end().ifPresent(end -> each.put("end", end.getEpochSecond()));
        }
        return o;
    }

    private static Optional<Settlement> settlement(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        List<Settlement.Spot> spots = new ArrayList<>();
        for (JsonNode spot : node.path("spots")) {
            JsonNode end = spot.get("end");
            Optional<Instant> ends = end == null || end.isNull() ? Optional.empty()
                    : Optional.of(Instant.ofEpochSecond(end.longValue()));
            spots.add(new Settlement.Spot(string(spot, "account"),
                    new BudgetWindow(Instant.ofEpochSecond(number(spot, "start")), ends)));
        }
        return Optional.of(new Settlement(string(node, "reservationId"), number(node, "actualNanos"),
                optional(node, "run").orElse(""), spots));
    }

    private static UnitUsage units(JsonNode node) {
        if (node == null || !node.isObject()) {
            return UnitUsage.NONE;
        }
        Map<String, Double> quantities = new TreeMap<>();
        node.properties().forEach(e -> quantities.put(e.getKey(), e.getValue().doubleValue()));
        return new UnitUsage(quantities);
    }

    private static ObjectNode caller(Attribution a) {
        ObjectNode o = Json.object().put("keyName", a.keyName());
        putIfPresent(o, "keyId", a.keyId());
        putIfPresent(o, "userId", a.userId());
        putIfPresent(o, "teamId", a.teamId());
        putIfPresent(o, "tenantId", a.tenantId());
        return o;
    }

    private static Attribution caller(JsonNode o) {
        return new Attribution(string(o, "keyName"), optional(o, "keyId"), optional(o, "userId"),
                optional(o, "teamId"), optional(o, "tenantId"));
    }

    private static void putIfPresent(ObjectNode o, String name, Optional<String> value) {
        value.ifPresent(v -> o.put(name, v));
    }

    private static JsonNode field(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("the field " + name + " is missing");
        }
        return value;
    }

    // The typed accessors throw a JacksonException on a wrong type; decode turns it into the documented exception.
    private static String string(JsonNode parent, String name) {
        return field(parent, name).stringValue();
    }

    private static long number(JsonNode parent, String name) {
        return field(parent, name).longValue();
    }

    private static Optional<String> optional(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.stringValue());
    }
}
