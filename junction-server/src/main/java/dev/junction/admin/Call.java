package dev.junction.admin;

import dev.junction.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One admin request as a handler sees it: who makes it, the path parameters, the query and the body. Used on the
 * event loop that received the request; the readers throw {@link AdminError} for bad input.
 *
 * @param ctx the Vert.x request
 * @param actor the admin key that authenticated it, by the name the audit trail records; it also carries how far
 *     the call's change got, for the answer's headers
 */
record Call(RoutingContext ctx, Actor actor) {

    /** A path parameter of the route's template, such as {@code id} in {@code /api/admin/tenants/{id}}. */
    String param(String name) {
        String value = ctx.pathParam(name);
        if (value == null || value.isBlank()) {
            throw AdminError.invalid("The path parameter '" + name + "' is missing.");
        }
        return value;
    }

    /** The query parameters, all of which must be in {@code allowed}. */
    QueryParams query(Set<String> allowed) {
        return QueryParams.of(ctx.queryParams(), allowed);
    }

    /** The JSON object body, whose fields must all be in {@code allowed}. */
    Fields body(Set<String> allowed) {
        return Fields.of(json(), allowed);
    }

    /** The JSON object body as it is, for a reader of its own. */
    tools.jackson.databind.node.ObjectNode object() {
        if (!(json() instanceof tools.jackson.databind.node.ObjectNode object)) {
            throw AdminError.invalid("The request body must be a JSON object.");
        }
        return object;
    }

    private JsonNode json() {
        var body = ctx.body() == null ? null : ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw AdminError.invalid("The request body must be a JSON object.");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body.getBytes());
        } catch (JacksonException e) {
            throw AdminError.invalid("The request body is not valid JSON: " + e.getOriginalMessage());
        }
        return tree;
    }
}
