package dev.junction.admin;

import dev.junction.json.Json;
import io.vertx.ext.web.RoutingContext;
import dev.junction.rbac.TenantScope;
import java.util.Optional;
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

    /** Where the permission check leaves the tenants the route's permission reaches. */
    static final String SCOPE = "junction.admin.scope";
    /** Where it leaves the tenants in which the route reaches the caller's own keys only ({@code own_keys:*}). */
    static final String OWN_SCOPE = "junction.admin.own-scope";

    /**
     * The tenants the caller's permission for this route reaches ({@link TenantScope#ALL} for an admin key); a
     * resource narrows its lists and checks its creations with it. {@link TenantScope#NONE} outside the check.
     */
    TenantScope scope() {
        TenantScope scope = ctx.get(SCOPE);
        return scope == null ? TenantScope.NONE : scope;
    }

    /**
     * The tenants in which the route reaches only the keys the caller issued (its {@code own_keys:*} permission);
     * {@link TenantScope#NONE} for a route without that alternative.
     */
    TenantScope ownScope() {
        TenantScope scope = ctx.get(OWN_SCOPE);
        return scope == null ? TenantScope.NONE : scope;
    }

    /** Whether the caller reaches this key of this tenant: every key of a tenant in scope, else only its own. */
    boolean reachesKey(String tenantId, dev.junction.entity.VirtualKey key) {
        return scope().includes(tenantId)
                || ownScope().includes(tenantId) && key.issuedBy(actor.principalId());
    }

    /** The caller's tenants as a set, or empty when it reaches every tenant. */
    static Optional<Set<String>> reach(RoutingContext ctx) {
        TenantScope scope = ctx.get(SCOPE);
        if (scope instanceof TenantScope.All) {
            return Optional.empty();
        }
        return Optional.of(scope instanceof TenantScope.Only only ? only.tenants() : Set.of());
    }

    /** {@link #reach(RoutingContext)} of this call. */
    Optional<Set<String>> reach() {
        return reach(ctx);
    }

    /**
     * Checks that a thing about to be created or changed belongs to a tenant in reach: one outside it answers as
     * if it did not exist.
     *
     * @param what how the error names the thing, e.g. {@code tenant}
     */
    void requireInReach(String tenantId, String what, String id) {
        if (!scope().includes(tenantId)) {
            throw AdminError.invalid("There is no " + what + " '" + id + "'.");
        }
    }

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
