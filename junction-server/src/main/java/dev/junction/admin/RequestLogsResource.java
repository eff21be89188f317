package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;

import dev.junction.json.Json;
import dev.junction.pricing.Costs;
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
            "model", "provider", "source", "status", "error_type", "error_class", "request_id", "min_charged_usd",
            "max_charged_usd", "limit", "cursor");
    private static final int DEFAULT_LIMIT = 100;

    private final AuditedWrites writes;

    RequestLogsResource(AuditedWrites writes) {
        this.writes = writes;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/requests", call -> {
                    QueryParams q = call.query(PARAMS);
                    return find(call, filter(q, Optional.empty(), Optional.empty())
                            .withTenantId(TenantFilter.narrow(call, q.string("tenant_id"), "tenant_id")));
                }),
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
                .map(entry -> Reply.ok(render(call, entry)))
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
            page.items().forEach(item -> data.add(render(call, item)));
            page.nextCursor().ifPresentOrElse(c -> body.put("next_cursor", c), () -> body.putNull("next_cursor"));
            return Reply.ok(body);
        });
    }

    /** An entry, its bodies only for a caller with {@code logs:bodies} in the request's tenant. */
    private static ObjectNode render(Call call, dev.junction.store.StoredRequestLog entry) {
        ObjectNode node = RequestLogJson.render(entry);
        boolean bodies = entry.request().caller().tenantId()
                .map(t -> call.actor().grants().scope(dev.junction.rbac.Permission.LOGS_BODIES).includes(t))
                .orElse(call.actor().grants().everywhere(dev.junction.rbac.Permission.LOGS_BODIES));
        if (!bodies) {
            node.remove("request_body");
            node.remove("response_body");
        }
        return node;
    }

    private static RequestLogQuery.Filter filter(QueryParams q, Optional<String> key, Optional<String> user) {
        Optional<Integer> status = q.integer("status");
        status.filter(s -> s < 100 || s > 599).ifPresent(s -> {
            throw AdminError.invalid("'status' must be an HTTP status from 100 to 599, got " + s + ".");
        });
        Optional<Long> minCharged = usd(q, "min_charged_usd");
        Optional<Long> maxCharged = usd(q, "max_charged_usd");
        if (minCharged.isPresent() && maxCharged.isPresent() && minCharged.get() > maxCharged.get()) {
            throw AdminError.invalid("'min_charged_usd' must not be more than 'max_charged_usd'.");
        }
        return RequestLogQuery.Filter.newest(q.limit(DEFAULT_LIMIT, RequestLogQuery.MAX_LIMIT))
                .withFrom(q.instant("from")).withTo(q.instant("to"))
                .withKeyId(key.or(() -> q.string("key_id"))).withUserId(user.or(() -> q.string("user_id")))
                .withTeamId(q.string("team_id")).withTenantId(q.string("tenant_id"))
                .withModel(q.string("model")).withProvider(q.string("provider"))
                .withSource(q.oneOf("source", AnalyticsParams.SOURCES).filter(v -> !v.equals("all"))).withStatus(status)
                .withErrorType(q.string("error_type")).withErrorClass(q.string("error_class"))
                .withRequestId(q.string("request_id"))
                .withMinChargedNanos(minCharged).withMaxChargedNanos(maxCharged)
                .withCursor(q.string("cursor"));
    }

    /** A cost bound in US dollars (not negative), as nanodollars. */
    private static Optional<Long> usd(QueryParams q, String name) {
        return q.string(name).map(text -> {
            double usd;
            try {
                usd = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw AdminError.invalid("'" + name + "' must be an amount in US dollars, got '" + text + "'.");
            }
            if (!Double.isFinite(usd) || usd < 0) {
                throw AdminError.invalid("'" + name + "' must be an amount in US dollars of 0 or more, got '"
                        + text + "'.");
            }
            return Costs.nanos(usd);
        });
    }

    private static Set<String> without(String param) {
        Set<String> params = new HashSet<>(PARAMS);
        params.remove(param);
        return params;
    }
}
