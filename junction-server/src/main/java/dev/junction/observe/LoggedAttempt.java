package dev.junction.observe;

import dev.junction.json.Json;
import dev.junction.routing.AttemptRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * One upstream attempt of a logged request, with its timing. Stored in the request log as a JSON array (column
 * {@code attempt_log}) next to the older {@code deployment=status@ms} summary string, which old rows keep alone.
 *
 * @param deployment the deployment tried
 * @param provider its provider
 * @param status the status it answered with (200 when it succeeded)
 * @param reason {@code ok}, or why it failed ({@code rate_limited}, {@code timeout}, {@link AttemptRecord#reason})
 * @param startMillis when it was sent, in milliseconds after the gateway received the request
 * @param durationMillis from sending to the reply (or the first stream event) or the failure
 * @param kind {@code first}, {@code retry} (the same deployment again) or {@code fallback} (another deployment)
 */
public record LoggedAttempt(String deployment, String provider, int status, String reason, long startMillis,
                            long durationMillis, String kind) {

    /** The most attempts kept per request; a request never makes more in practice (routes cap retries). */
    static final int MAX = 16;

    /** The attempts as the request log keeps them, from what the router recorded; {@code startedAt} is the request's. */
    public static List<LoggedAttempt> of(List<AttemptRecord> attempts, Instant startedAt) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        int n = Math.min(attempts.size(), MAX);
        LoggedAttempt[] out = new LoggedAttempt[n];
        long origin = startedAt.toEpochMilli();
        for (int i = 0; i < n; i++) {
            AttemptRecord a = attempts.get(i);
            String kind = i == 0 ? "first"
                    : a.step().id().equals(attempts.get(i - 1).step().id()) ? "retry" : "fallback";
            out[i] = new LoggedAttempt(a.step().id(), a.step().provider(), a.error().map(e -> e.status()).orElse(200),
                    a.error().map(AttemptRecord::reason).orElse("ok"),
                    Math.max(0, a.startedAt().toEpochMilli() - origin), a.latencyMs(), kind);
        }
        return List.of(out);
    }

    /** The attempts as a JSON array (the column's and the admin API's form), empty when there are none. */
    public static Optional<String> toJson(List<LoggedAttempt> attempts) {
        if (attempts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Json.write(toArray(attempts)));
    }

    /** The attempts as a JSON array node. */
    public static ArrayNode toArray(List<LoggedAttempt> attempts) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (LoggedAttempt a : attempts) {
            array.addObject().put("deployment", a.deployment()).put("provider", a.provider())
                    .put("status", a.status()).put("reason", a.reason()).put("start_ms", a.startMillis())
                    .put("duration_ms", a.durationMillis()).put("kind", a.kind());
        }
        return array;
    }

    /** Reads {@link #toJson}'s array; an absent or unreadable column is no attempts (rows before it was kept). */
    public static List<LoggedAttempt> fromJson(Optional<String> json) {
        if (json.isEmpty()) {
            return List.of();
        }
        Optional<JsonNode> parsed = Json.tryParse(json.get());
        if (parsed.isEmpty() || !parsed.get().isArray()) {
            return List.of();
        }
        List<LoggedAttempt> out = new ArrayList<>();
        for (JsonNode a : parsed.get()) {
            out.add(new LoggedAttempt(a.path("deployment").asString(""), a.path("provider").asString(""),
                    a.path("status").asInt(0), a.path("reason").asString(""), a.path("start_ms").asLong(0),
                    a.path("duration_ms").asLong(0), a.path("kind").asString("")));
        }
        return List.copyOf(out);
    }
}
