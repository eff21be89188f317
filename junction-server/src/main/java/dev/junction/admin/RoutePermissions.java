package dev.junction.admin;

import static dev.junction.admin.AccessRule.instance;
import static dev.junction.admin.AccessRule.path;
import static dev.junction.admin.AccessRule.shared;
import static dev.junction.admin.AccessRule.signedIn;
import static dev.junction.admin.AccessRule.tenants;
import static dev.junction.rbac.Permission.*;

import dev.junction.admin.TenantOf.Kind;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Optional;

/**
 * The decision of every admin route: which permission it needs and how far it must reach, by method and path
 * template (as {@link AdminRoute#path()} and the OpenAPI document write them). {@link AdminApi} refuses to start
 * when a mounted route has no line here, and {@code PermissionMatrixTest} checks every line against every role: a
 * new endpoint cannot be added without a decision. The key routes are also open, for the caller's own keys only, to
 * the {@code own_keys:*} permissions (the developer's). Immutable.
 */
final class RoutePermissions {

    private static final Map<String, AccessRule> RULES = Map.ofEntries(
            Map.entry("GET /api/admin/me", signedIn()),
            Map.entry("GET /api/admin/tenants", tenants(TENANTS_READ)),
            Map.entry("POST /api/admin/tenants", instance(TENANTS_WRITE)),
            Map.entry("GET /api/admin/tenants/{id}", path(TENANTS_READ, Kind.TENANT)),
            Map.entry("PATCH /api/admin/tenants/{id}", path(TENANTS_WRITE, Kind.TENANT)),
            Map.entry("DELETE /api/admin/tenants/{id}", instance(TENANTS_WRITE)),
            Map.entry("GET /api/admin/tenants/{id}/settings", path(TENANTS_READ, Kind.TENANT)),
            Map.entry("PATCH /api/admin/tenants/{id}/settings", path(TENANT_SETTINGS_WRITE, Kind.TENANT)),
            Map.entry("GET /api/admin/teams", tenants(TEAMS_READ)),
            Map.entry("POST /api/admin/teams", tenants(TEAMS_WRITE)),
            Map.entry("GET /api/admin/teams/{id}", path(TEAMS_READ, Kind.TEAM)),
            Map.entry("PATCH /api/admin/teams/{id}", path(TEAMS_WRITE, Kind.TEAM)),
            Map.entry("DELETE /api/admin/teams/{id}", path(TEAMS_WRITE, Kind.TEAM)),
            Map.entry("GET /api/admin/users", tenants(USERS_READ)),
            Map.entry("POST /api/admin/users", tenants(USERS_WRITE)),
            Map.entry("GET /api/admin/users/{id}", path(USERS_READ, Kind.USER)),
            Map.entry("PATCH /api/admin/users/{id}", path(USERS_WRITE, Kind.USER)),
            Map.entry("DELETE /api/admin/users/{id}", path(USERS_WRITE, Kind.USER)),
            Map.entry("GET /api/admin/keys", tenants(KEYS_READ).orOwn(OWN_KEYS_READ)),
            Map.entry("POST /api/admin/keys", tenants(KEYS_WRITE).orOwn(OWN_KEYS_WRITE)),
            Map.entry("GET /api/admin/keys/{id}", path(KEYS_READ, Kind.KEY).orOwn(OWN_KEYS_READ)),
            Map.entry("PATCH /api/admin/keys/{id}", path(KEYS_WRITE, Kind.KEY).orOwn(OWN_KEYS_WRITE)),
            Map.entry("DELETE /api/admin/keys/{id}", path(KEYS_WRITE, Kind.KEY).orOwn(OWN_KEYS_WRITE)),
            Map.entry("POST /api/admin/keys/{id}/revoke", path(KEYS_WRITE, Kind.KEY).orOwn(OWN_KEYS_WRITE)),
            Map.entry("GET /api/admin/budgets", tenants(BUDGETS_READ)),
            Map.entry("POST /api/admin/budgets", tenants(BUDGETS_WRITE)),
            Map.entry("GET /api/admin/budgets/{id}", path(BUDGETS_READ, Kind.BUDGET)),
            Map.entry("PATCH /api/admin/budgets/{id}", path(BUDGETS_WRITE, Kind.BUDGET)),
            Map.entry("DELETE /api/admin/budgets/{id}", path(BUDGETS_WRITE, Kind.BUDGET)),
            Map.entry("GET /api/admin/requests", tenants(LOGS_READ)),
            Map.entry("GET /api/admin/requests/{id}", path(LOGS_READ, Kind.REQUEST)),
            Map.entry("GET /api/admin/keys/{id}/requests", path(LOGS_READ, Kind.KEY).orOwn(OWN_KEYS_READ)),
            Map.entry("GET /api/admin/users/{id}/requests", path(LOGS_READ, Kind.USER)),
            Map.entry("GET /api/admin/spend", tenants(SPEND_READ)),
            Map.entry("GET /api/admin/analytics", tenants(ANALYTICS_READ)),
            Map.entry("GET /api/admin/analytics/summary", tenants(ANALYTICS_READ)),
            Map.entry("GET /api/admin/analytics/reliability", tenants(ANALYTICS_READ)),
            Map.entry("GET /api/admin/audit", tenants(AUDIT_READ)),
            Map.entry("GET /api/admin/audit/verify", instance(AUDIT_READ)),
            Map.entry("GET /api/admin/events", tenants(EVENTS_READ)),
            Map.entry("GET /api/admin/exports/requests", tenants(EXPORTS_READ)),
            Map.entry("GET /api/admin/exports/costs", tenants(EXPORTS_READ)),
            Map.entry("POST /api/admin/playground/chat/completions", tenants(PLAYGROUND_USE)),
            Map.entry("GET /api/admin/prices", shared(PRICES_READ)),
            Map.entry("GET /api/admin/price-catalog", shared(PRICES_READ)),
            Map.entry("GET /api/admin/prices/{model}", shared(PRICES_READ)),
            Map.entry("PUT /api/admin/prices/{model}", instance(PRICES_WRITE)),
            Map.entry("DELETE /api/admin/prices/{model}", instance(PRICES_WRITE)),
            Map.entry("GET /api/admin/providers", shared(PROVIDERS_READ)),
            Map.entry("GET /api/admin/providers/{name}", shared(PROVIDERS_READ)),
            Map.entry("PUT /api/admin/providers/{name}", instance(PROVIDERS_WRITE)),
            Map.entry("DELETE /api/admin/providers/{name}", instance(PROVIDERS_WRITE)),
            Map.entry("POST /api/admin/providers/{name}/test", instance(PROVIDERS_WRITE)),
            Map.entry("GET /api/admin/routes", shared(ROUTES_READ)),
            Map.entry("GET /api/admin/routes/{name}", shared(ROUTES_READ)),
            Map.entry("PUT /api/admin/routes/{name}", instance(ROUTES_WRITE)),
            Map.entry("DELETE /api/admin/routes/{name}", instance(ROUTES_WRITE)),
            Map.entry("GET /api/admin/health/deployments", instance(HEALTH_READ)),
            Map.entry("POST /api/admin/health/deployments/{id}/reset", instance(HEALTH_WRITE)),
            Map.entry("GET /api/admin/health/keys", instance(HEALTH_READ)),
            Map.entry("POST /api/admin/health/keys/{provider}/{key}/reset", instance(HEALTH_WRITE)),
            Map.entry("GET /api/admin/alerts", instance(ALERTS_READ)),
            Map.entry("POST /api/admin/alerts/test", instance(ALERTS_WRITE)),
            Map.entry("PUT /api/admin/alerts/channels/{name}", instance(ALERTS_WRITE)),
            Map.entry("DELETE /api/admin/alerts/channels/{name}", instance(ALERTS_WRITE)),
            Map.entry("PUT /api/admin/alerts/rules/{name}", instance(ALERTS_WRITE)),
            Map.entry("DELETE /api/admin/alerts/rules/{name}", instance(ALERTS_WRITE)),
            Map.entry("GET /api/admin/cache", instance(CACHE_READ)),
            Map.entry("DELETE /api/admin/cache", instance(CACHE_WRITE)),
            Map.entry("GET /api/admin/settings", instance(SETTINGS_READ)),
            Map.entry("GET /api/admin/secret-keys", instance(SETTINGS_READ)),
            Map.entry("POST /api/admin/secret-keys/reseal", instance(SETTINGS_WRITE)),
            Map.entry("GET /api/admin/extensions", instance(SETTINGS_READ)),
            Map.entry("POST /api/admin/extensions/reload", instance(SETTINGS_WRITE)),
            Map.entry("POST /api/admin/extensions/{name}/enable", instance(SETTINGS_WRITE)),
            Map.entry("GET /api/admin/principals", tenants(PRINCIPALS_READ)),
            Map.entry("POST /api/admin/principals", tenants(PRINCIPALS_WRITE)),
            Map.entry("GET /api/admin/principals/{id}", tenants(PRINCIPALS_READ)),
            Map.entry("PATCH /api/admin/principals/{id}", tenants(PRINCIPALS_WRITE)),
            Map.entry("DELETE /api/admin/principals/{id}", tenants(PRINCIPALS_WRITE)),
            Map.entry("PUT /api/admin/principals/{id}/password", tenants(PRINCIPALS_WRITE)),
            Map.entry("POST /api/admin/principals/{id}/token", tenants(PRINCIPALS_WRITE)),
            Map.entry("GET /api/admin/roles", shared(PRINCIPALS_READ)),
            Map.entry("PUT /api/admin/roles/{name}", instance(ROLES_WRITE)),
            Map.entry("DELETE /api/admin/roles/{name}", instance(ROLES_WRITE)));

    private RoutePermissions() {}

    /** The decision for a route, by its method and path template. */
    static Optional<AccessRule> of(HttpMethod method, String template) {
        return Optional.ofNullable(RULES.get(method.name() + " " + template));
    }
}
