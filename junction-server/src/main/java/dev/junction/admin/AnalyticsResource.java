package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;

import dev.junction.analytics.Dimension;
import dev.junction.json.Json;
import dev.junction.store.AnalyticsQuery;
import dev.junction.store.Database;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/admin/analytics}: usage as a series of minute, hour or day buckets from the rollups, grouped and
 * filtered by model, provider, deployment, endpoint, key, user, team, tenant or error class; and
 * {@code GET /api/admin/analytics/reliability}: per provider and deployment over the range, the success rate,
 * latency and time-to-first-byte percentiles, the top error classes and the requests that needed a fallback; and
 * {@code GET /api/admin/analytics/summary}: the same figures as the series, one total per group over the range.
 */
final class AnalyticsResource {

    /** How many error classes the reliability summary lists per deployment. */
    static final int TOP_ERRORS = 5;

    private static final List<Dimension> BY_DEPLOYMENT = List.of(Dimension.PROVIDER, Dimension.DEPLOYMENT);

    private final AuditedWrites writes;
    private final Clock clock;

    AnalyticsResource(AuditedWrites writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(AdminRoute.of(GET, "/api/admin/analytics", this::series),
                AdminRoute.of(GET, "/api/admin/analytics/summary", this::summary),
                AdminRoute.of(GET, "/api/admin/analytics/reliability", this::reliability));
    }

    private CompletionStage<Reply> series(Call call) {
        AnalyticsQuery.Request request = TenantFilter.narrow(call, AnalyticsParams.read(call.query(AnalyticsParams.names()), clock, true,
                List.of()));
        return writes.query(db -> read(db, request)).thenApply(points -> {
            ObjectNode body = header(request);
            ArrayNode data = body.putArray("data");
            for (AnalyticsQuery.Point point : points) {
                ObjectNode item = data.addObject();
                item.put("bucket_start", point.bucketStart().orElseThrow().toString());
                AnalyticsJson.group(item, point);
                AnalyticsJson.figures(item, point);
            }
            return Reply.ok(body);
        });
    }

    /** One total per group over the whole range (percentiles from the merged histograms), most requests first. */
    private CompletionStage<Reply> summary(Call call) {
        AnalyticsQuery.Request request = TenantFilter.narrow(call, AnalyticsParams.read(call.query(AnalyticsParams.names()), clock, false,
                List.of()));
        return writes.query(db -> read(db, request)).thenApply(points -> {
            ObjectNode body = header(request);
            ArrayNode data = body.putArray("data");
            points.stream().sorted(java.util.Comparator.comparingLong(
                    (AnalyticsQuery.Point p) -> p.figures().requests()).reversed()).forEach(point -> {
                ObjectNode item = data.addObject();
                AnalyticsJson.group(item, point);
                AnalyticsJson.figures(item, point);
            });
            return Reply.ok(body);
        });
    }

    private CompletionStage<Reply> reliability(Call call) {
        Set<String> names = new HashSet<>(AnalyticsParams.names());
        names.remove("group_by");
        AnalyticsQuery.Request request = TenantFilter.narrow(call, AnalyticsParams.read(call.query(names), clock, false, BY_DEPLOYMENT));
        return writes.query(db -> read(db, request)).thenApply(points -> {
            ObjectNode body = header(request);
            ArrayNode data = body.putArray("data");
            for (AnalyticsQuery.Point point : points) {
                ObjectNode item = data.addObject();
                AnalyticsJson.group(item, point);
                long requests = point.figures().requests();
                item.put("requests", requests).put("errors", point.figures().errors())
                        .put("success_rate", requests == 0 ? 1.0
                                : (double) (requests - point.figures().errors()) / requests)
                        .put("fallbacks", point.figures().fallbacks())
                        .put("fallbacks_caused", point.figures().fallbacksCaused());
                AnalyticsJson.timing(item.putObject("latency_ms"), point.figures().latency(), requests,
                        point.figures().latencySumMillis());
                AnalyticsJson.timing(item.putObject("ttft_ms"), point.figures().ttft(), point.figures().ttftCount(),
                        point.figures().ttftSumMillis());
                ArrayNode top = item.putArray("top_errors");
                point.errorsByClass().entrySet().stream().limit(TOP_ERRORS).forEach((Map.Entry<String, Long> e) ->
                        top.addObject().put("class", e.getKey()).put("count", e.getValue()));
            }
            return Reply.ok(body);
        });
    }

    private static List<AnalyticsQuery.Point> read(Database database, AnalyticsQuery.Request request) {
        try {
            return new AnalyticsQuery(database).read(request);
        } catch (AnalyticsQuery.TooManyPoints e) {
            throw AdminError.invalid("The answer would hold more than " + AnalyticsQuery.MAX_POINTS
                    + " points; use a larger bucket, a shorter range, fewer groups or a filter.");
        }
    }

    private static ObjectNode header(AnalyticsQuery.Request request) {
        ObjectNode body = Json.object().put("bucket", request.granularity().wireName())
                .put("from", request.from().toString()).put("to", request.to().toString());
        ArrayNode groups = body.putArray("group_by");
        for (String name : AnalyticsJson.names(request.groupBy())) {
            groups.add(name);
        }
        return body;
    }
}
