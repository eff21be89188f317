package dev.junction.rbac;

import static dev.junction.rbac.Permission.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The six built-in roles. What a binding of one reaches depends on its tenant: bound to every tenant, a role's
 * instance permissions (prices, providers, settings…) apply; bound to one tenant, only that tenant's data is in
 * reach, and the routes of instance resources stay closed.
 */
public final class DefaultRoles {

    /** Everything, all tenants: what the configured admin keys are. */
    public static final Role OWNER = new Role("owner", "Everything, in every tenant and over the instance.",
            EnumSet.allOf(Permission.class), true);

    /** Everything within its tenants; not the instance's settings, providers, routes, prices, alerts or cache. */
    public static final Role ADMIN = new Role("admin", "Everything within its tenants, but no instance settings.",
            EnumSet.of(TENANTS_READ, TENANTS_WRITE, TENANT_SETTINGS_WRITE, TEAMS_READ, TEAMS_WRITE, USERS_READ,
                    USERS_WRITE, KEYS_READ, KEYS_WRITE, OWN_KEYS_READ, OWN_KEYS_WRITE, BUDGETS_READ, BUDGETS_WRITE,
                    LOGS_READ, LOGS_BODIES, ANALYTICS_READ, SPEND_READ, EXPORTS_READ, AUDIT_READ, EVENTS_READ,
                    PLAYGROUND_USE, PRICES_READ, PROVIDERS_READ, ROUTES_READ, HEALTH_READ, ALERTS_READ,
                    PRINCIPALS_READ, PRINCIPALS_WRITE), true);

    /** Users, teams, keys, budgets, settings and exports of one tenant, and the console users who work in it. */
    public static final Role TENANT_ADMIN = new Role("tenant-admin",
            "Users, teams, keys, budgets, settings and exports of its tenant, and its console users.",
            EnumSet.of(TENANTS_READ, TENANT_SETTINGS_WRITE, TEAMS_READ, TEAMS_WRITE, USERS_READ, USERS_WRITE,
                    KEYS_READ, KEYS_WRITE, OWN_KEYS_READ, OWN_KEYS_WRITE, BUDGETS_READ, BUDGETS_WRITE, LOGS_READ,
                    ANALYTICS_READ, SPEND_READ, EXPORTS_READ, AUDIT_READ, EVENTS_READ, PLAYGROUND_USE, PRICES_READ,
                    PROVIDERS_READ, ROUTES_READ, PRINCIPALS_READ, PRINCIPALS_WRITE),
            true);

    /**
     * The keys it issued itself and their usage, and the playground: never the other keys of its tenant, nor the
     * tenant's request log or analytics (they show everyone's keys).
     */
    public static final Role DEVELOPER = new Role("developer", "Its own keys and their usage, and the playground.",
            EnumSet.of(TENANTS_READ, USERS_READ, OWN_KEYS_READ, OWN_KEYS_WRITE, PLAYGROUND_USE, PROVIDERS_READ,
                    ROUTES_READ), true);

    /** Read-only analytics and request logs, without bodies. */
    public static final Role ANALYST = new Role("analyst", "Read-only analytics and request logs, without bodies.",
            EnumSet.of(TENANTS_READ, TEAMS_READ, USERS_READ, KEYS_READ, LOGS_READ, ANALYTICS_READ, SPEND_READ,
                    EXPORTS_READ, HEALTH_READ, PROVIDERS_READ, ROUTES_READ), true);

    /** Costs, budgets, prices and exports. */
    public static final Role BILLING = new Role("billing", "Costs, budgets, prices and exports.",
            EnumSet.of(TENANTS_READ, TEAMS_READ, USERS_READ, KEYS_READ, BUDGETS_READ, BUDGETS_WRITE, SPEND_READ,
                    ANALYTICS_READ, EXPORTS_READ, PRICES_READ, PRICES_WRITE), true);

    /** The six, in order of reach. */
    public static final List<Role> ALL = List.of(OWNER, ADMIN, TENANT_ADMIN, DEVELOPER, ANALYST, BILLING);

    private static final Map<String, Role> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Role::name, Function.identity()));

    private DefaultRoles() {}

    /** The built-in role of this name. */
    public static Optional<Role> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
