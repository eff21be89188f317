package dev.junction.admin;

import dev.junction.analytics.Dimension;
import dev.junction.analytics.Granularity;
import dev.junction.analytics.RollupFigures;
import dev.junction.entity.Attribution;
import dev.junction.export.ExportFormat;
import dev.junction.export.ExportStream;
import dev.junction.json.Json;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import dev.junction.store.AnalyticsQuery;
import dev.junction.store.RequestLogQuery;
import dev.junction.store.StoredRequestLog;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/admin/exports/requests} and {@code GET /api/admin/exports/costs}: the request log (never its bodies)
 * and the costs per UTC day, tenant, team, user, key and model (from the day rollups), as CSV or JSON lines, over a
 * time range (by default this UTC month up to now), streamed a page at a time ({@link ExportStream}). Both are
 * narrowed to the caller's tenants server-side, as the request log and analytics are ({@link TenantFilter}).
 */
final class ExportsResource {

    /** The request log's export. */
    static final String REQUESTS = "/api/admin/exports/requests";
    /** The costs' export. */
    static final String COSTS = "/api/admin/exports/costs";

    /** The request log's columns, in order. */
    static final List<String> REQUEST_COLUMNS = List.of("request_id", "started_at", "tenant_id", "team_id", "user_id",
            "key_id", "key_name", "endpoint", "model", "provider", "deployment", "upstream_model", "source", "stream",
            "cache_hit", "status", "error_type", "latency_ms", "ttfb_ms", "input_tokens", "output_tokens",
            "cached_read_tokens", "cache_write_tokens", "reasoning_tokens", "metered_usd", "standard_usd",
            "charged_usd", "attempts");
    /** The costs' columns, in order. */
    static final List<String> COST_COLUMNS = List.of("day", "tenant_id", "team_id", "user_id", "key_id", "model",
            "requests", "errors", "input_tokens", "output_tokens", "cached_read_tokens", "cache_write_tokens",
            "reasoning_tokens", "metered_usd", "standard_usd", "charged_usd");

    private static final Set<String> PARAMS = Set.of("format", "from", "to", "tenant_id", "source");
    private static final int PAGE = 500;
    private static final List<Dimension> COST_GROUPS = List.of(Dimension.TENANT, Dimension.TEAM, Dimension.USER,
            Dimension.KEY, Dimension.MODEL);
    /** The longest costs export, in days (the day rollups' default retention). */
    private static final long MAX_DAYS = 731;

    private final AuditedWrites writes;
    private final Clock clock;

    ExportsResource(AuditedWrites writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    /** What both exports are asked for. */
    private record Asked(ExportFormat format, Instant from, Instant to, Optional<String> tenant,
                         Optional<String> source) {
    }

    /** Streams the request log; refuses bad parameters with a 400 before anything is written. */
    void requests(RoutingContext ctx, Call call) {
        Asked asked;
        try {
            asked = asked(call);
        } catch (AdminError e) {
            AdminApi.error(ctx, e.kind().status(), e.kind().type(), e.getMessage());
            return;
        }
        RequestLogQuery.Filter first = RequestLogQuery.Filter.newest(PAGE).withFrom(Optional.of(asked.from()))
                .withTo(Optional.of(asked.to())).withTenantId(asked.tenant()).withSource(asked.source());
        AtomicReference<Optional<String>> cursor = new AtomicReference<>(Optional.empty());
        ExportStream.start(ctx.response(), ctx.vertx().getOrCreateContext(), asked.format(), REQUEST_COLUMNS,
                "junction-requests-" + day(asked.from()) + "-" + day(asked.to()),
                () -> writes.query(db -> new RequestLogQuery(db).find(first.withCursor(cursor.get())))
                        .thenApply(page -> {
                            cursor.set(page.nextCursor());
                            return new ExportStream.Page(page.items().stream().map(ExportsResource::requestRow)
                                    .toList(), page.nextCursor().isEmpty());
                        }));
    }

    /** Streams the costs, one UTC day per page; refuses bad parameters with a 400 before anything is written. */
    void costs(RoutingContext ctx, Call call) {
        Asked asked;
        try {
            asked = asked(call);
        } catch (AdminError e) {
            AdminApi.error(ctx, e.kind().status(), e.kind().type(), e.getMessage());
            return;
        }
        Instant first = asked.from().truncatedTo(ChronoUnit.DAYS);
        Instant end = asked.to().truncatedTo(ChronoUnit.DAYS).equals(asked.to()) ? asked.to()
                : asked.to().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        if (Duration.between(first, end).toDays() > MAX_DAYS) {
            AdminApi.error(ctx, 400, "invalid_request", "A costs export covers at most " + MAX_DAYS
                    + " days; narrow 'from' and 'to'.");
            return;
        }
        Map<Dimension, String> filters = new HashMap<>();
        asked.tenant().ifPresent(t -> filters.put(Dimension.TENANT, t));
        asked.source().ifPresent(s -> filters.put(Dimension.SOURCE, s));
        AtomicReference<Instant> next = new AtomicReference<>(first);
        ExportStream.start(ctx.response(), ctx.vertx().getOrCreateContext(), asked.format(), COST_COLUMNS,
                "junction-costs-" + day(first) + "-" + day(end.minusMillis(1)), () -> {
                    Instant day = next.get();
                    if (!day.isBefore(end)) {
                        return CompletableFuture.completedFuture(new ExportStream.Page(List.of(), true));
                    }
                    Instant after = day.plus(Duration.ofDays(1));
                    next.set(after);
                    return writes.query(db -> new AnalyticsQuery(db).read(new AnalyticsQuery.Request(day, after,
                            Granularity.DAY, true, COST_GROUPS, filters))).thenApply(points -> new ExportStream.Page(
                            points.stream().map(p -> costRow(day, p)).toList(), !after.isBefore(end)));
                });
    }

    private Asked asked(Call call) {
        QueryParams q = call.query(PARAMS);
        ExportFormat format = q.oneOf("format", List.of("csv", "jsonl")).flatMap(ExportFormat::ofWireName)
                .orElse(ExportFormat.CSV);
        Instant now = clock.instant();
        Instant from = q.instant("from").orElse(LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant());
        Instant to = q.instant("to").orElse(now);
        if (!to.isAfter(from)) {
            throw AdminError.invalid("'to' must be after 'from'.");
        }
        Optional<String> tenant = TenantFilter.narrow(call, q.string("tenant_id"), "tenant_id");
        Optional<String> source = Optional.of(q.oneOf("source", AnalyticsParams.SOURCES).orElse("api"))
                .filter(s -> !s.equals("all"));
        return new Asked(format, from, to, tenant, source);
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    /** A request-log entry as one export row: no bodies, no error message (they may hold what clients sent). */
    static ObjectNode requestRow(StoredRequestLog stored) {
        LoggedRequest r = stored.request();
        Attribution caller = r.caller();
        ObjectNode row = Json.object().put("request_id", r.requestId()).put("started_at", r.startedAt().toString());
        optional(row, "tenant_id", caller.tenantId());
        optional(row, "team_id", caller.teamId());
        optional(row, "user_id", caller.userId());
        optional(row, "key_id", caller.keyId());
        row.put("key_name", caller.keyName()).put("endpoint", r.endpoint()).put("model", r.publicModel())
                .put("provider", r.provider()).put("deployment", r.deployment())
                .put("upstream_model", r.upstreamModel()).put("source", r.source().wireName())
                .put("stream", r.stream()).put("cache_hit", r.cacheHit()).put("status", r.status());
        optional(row, "error_type", r.errorType());
        return row.put("latency_ms", r.latencyMillis()).put("ttfb_ms", r.ttfbMillis())
                .put("input_tokens", r.usage().inputTokens()).put("output_tokens", r.usage().outputTokens())
                .put("cached_read_tokens", r.usage().cachedReadTokens())
                .put("cache_write_tokens", r.usage().cacheWriteTokens())
                .put("reasoning_tokens", r.usage().reasoningTokens())
                .put("metered_usd", Costs.usd(r.costs().meteredNanos()))
                .put("standard_usd", Costs.usd(r.costs().standardNanos()))
                .put("charged_usd", Costs.usd(r.costs().chargedNanos())).put("attempts", r.attempts());
    }

    /** One day's figures of one tenant, team, user, key and model as one export row. */
    static ObjectNode costRow(Instant day, AnalyticsQuery.Point point) {
        ObjectNode row = Json.object().put("day", day(day));
        for (Dimension d : COST_GROUPS) {
            String value = point.group().getOrDefault(d, "");
            String column = d == Dimension.MODEL ? "model" : d.wireName() + "_id";
            if (value.isEmpty()) {
                row.putNull(column);
            } else {
                row.put(column, value);
            }
        }
        RollupFigures f = point.figures();
        return row.put("requests", f.requests()).put("errors", f.errors()).put("input_tokens", f.inputTokens())
                .put("output_tokens", f.outputTokens()).put("cached_read_tokens", f.cachedReadTokens())
                .put("cache_write_tokens", f.cacheWriteTokens()).put("reasoning_tokens", f.reasoningTokens())
                .put("metered_usd", Costs.usd(f.meteredNanos())).put("standard_usd", Costs.usd(f.standardNanos()))
                .put("charged_usd", Costs.usd(f.chargedNanos()));
    }

    private static void optional(ObjectNode row, String column, Optional<String> value) {
        value.ifPresentOrElse(v -> row.put(column, v), () -> row.putNull(column));
    }
}
