package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;

import dev.junction.json.Json;
import dev.junction.store.RequestLogQuery;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/admin/requests}: the request log, newest first, filtered and a page at a time; and the same for one
 * key or user. Pages are cut by position, so following {@code next_cursor} neither repeats nor skips entries while
 * new requests are logged.
 */
final class RequestLogsResource {

    private static final Set<String> PARAMS = Set.of("from", "to", "key_id", "user_id", "team_id", "tenant_id",
            "model", "status", "error_type", "limit", "cursor", "source");
    private static final int DEFAULT_LIMIT = 100;

    private final AuditedWrites writes;

    RequestLogsResource(AuditedWrites writes) {
        this.writes = writes;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/requests", call -> find(call, filter(call.query(PARAMS),
                        Optional.empty(), Optional.empty()))),
                AdminRoute.of(GET, "/api/admin/requests/{id}", this::one),
                AdminRoute.of(GET, "/api/admin/keys/{id}/requests", call -> find(call, filter(
                        call.query(without("key_id")), Optional.of(call.param("id")), Optional.empty()))),
                AdminRoute.of(GET, "/api/admin/users/{id}/requests", call -> find(call, filter(
                        call.query(without("user_id")), Optional.empty(), Optional.of(call.param("id"))))));
    }

    /**
     * One request's entry by its request id; 404 until the log has written it (it writes just after the answer) and
     * after the log's retention dropped it.
     */
    private CompletionStage<Reply> one(Call call) {
        call.query(Set.of());
        String id = call.param("id");
        return writes.query(db -> new RequestLogQuery(db).byRequestId(id)).thenApply(found -> found
                .map(entry -> Reply.ok(RequestLogJson.render(entry)))
                .orElseThrow(() -> AdminError.notFound("request in the log with id", id)));
    }

    private CompletionStage<Reply> find(Call call, RequestLogQuery.Filter filter) {
        return writes.query(db -> {
            try {
                return new RequestLogQuery(db).find(filter);
            } catch (IllegalArgumentException e) {
                // Only the cursor is parsed here; every other parameter was checked before.
                throw AdminError.invalid("'cursor' is not a cursor this API returned.");
            }
        }).thenApply(page -> {
            ObjectNode body = Json.object();
            ArrayNode data = body.putArray("data");
            page.items().forEach(item -> data.add(RequestLogJson.render(item)));
            page.nextCursor().ifPresentOrElse(c -> body.put("next_cursor", c), () -> body.putNull("next_cursor"));
            return Reply.ok(body);
        });
    }

    private static RequestLogQuery.Filter filter(QueryParams q, Optional<String> key, Optional<String> user) {
        Optional<Integer> status = q.integer("status");
        status.filter(s -> s < 100 || s > 599).ifPresent(s -> {
            throw AdminError.invalid("'status' must be an HTTP status from 100 to 599, got " + s + ".");
        });
        return new RequestLogQuery.Filter(q.instant("from"), q.instant("to"), key.or(() -> q.string("key_id")),
                user.or(() -> q.string("user_id")), q.string("team_id"), q.string("tenant_id"), q.string("model"),
                status, q.string("error_type"), q.limit(DEFAULT_LIMIT, RequestLogQuery.MAX_LIMIT),
                q.string("cursor"), q.oneOf("source", AnalyticsParams.SOURCES).filter(v -> !v.equals("all")));
    }

    private static Set<String> without(String param) {
        Set<String> params = new HashSet<>(PARAMS);
        params.remove(param);
        return params;
    }
}
