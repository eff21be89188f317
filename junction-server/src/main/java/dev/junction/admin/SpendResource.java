package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;

import dev.junction.config.AnalyticsSettings;
import dev.junction.json.Json;
import dev.junction.observe.RequestSource;
import dev.junction.runtime.GatewayRuntime;
import dev.junction.pricing.Costs;
import dev.junction.store.SpendSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/admin/spend}: spend over a time range (by default the current UTC month up to now), grouped by key,
 * user, team, tenant or model, the largest charged spend first; read from the usage rollups, and from the request
 * log where they do not hold the range ({@link SpendSummary}).
 */
final class SpendResource {

    private static final List<String> GROUPS = List.of("key", "user", "team", "tenant", "model");

    private final AuditedWrites writes;
    private final Supplier<GatewayRuntime> runtime;
    private final Clock clock;

    SpendResource(AuditedWrites writes, Supplier<GatewayRuntime> runtime, Clock clock) {
        this.writes = writes;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(AdminRoute.of(GET, "/api/admin/spend", this::summarize));
    }

    private CompletionStage<Reply> summarize(Call call) {
        QueryParams q = call.query(Set.of("group_by", "from", "to", "source"));
        String asked = q.oneOf("source", AnalyticsParams.SOURCES).orElse("api");
        java.util.Optional<RequestSource> source = asked.equals("all") ? java.util.Optional.empty()
                : java.util.Optional.of(RequestSource.ofWireName(asked));
        SpendSummary.GroupBy by = SpendSummary.GroupBy.ofWireName(q.oneOf("group_by", GROUPS).orElse("key"));
        Instant now = clock.instant();
        Instant from = q.instant("from").orElse(LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant());
        Instant to = q.instant("to").orElse(now);
        if (!to.isAfter(from)) {
            throw AdminError.invalid("'to' must be after 'from'.");
        }
        AnalyticsSettings retention = runtime.get().config().observability().analytics();
        return writes.query(db -> new SpendSummary(db, retention, clock).summarize(from, to, by, source,
                        call.reach()))
                .thenApply(rows -> {
            ObjectNode body = Json.object().put("group_by", by.wireName()).put("from", from.toString())
                    .put("to", to.toString()).put("source", asked);
            ArrayNode data = body.putArray("data");
            for (SpendSummary.Row row : rows) {
                ObjectNode item = data.addObject();
                if (row.group().isEmpty()) {
                    item.putNull("group");
                } else {
                    item.put("group", row.group());
                }
                item.put("requests", row.requests()).put("input_tokens", row.inputTokens())
                        .put("output_tokens", row.outputTokens()).put("metered_usd", Costs.usd(row.meteredNanos()))
                        .put("standard_usd", Costs.usd(row.standardNanos()))
                        .put("charged_usd", Costs.usd(row.chargedNanos()));
            }
            return Reply.ok(body);
        });
    }
}
