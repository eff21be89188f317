package dev.junction.rbac;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One thing a principal may do in the admin API: a resource and an action, named {@code resource:action} (for example
 * {@code keys:write}). Every admin route needs exactly one; roles are sets of them. Whether a permission reaches one
 * tenant's data or the whole instance is the route's business (its access rule), not the permission's.
 */
public enum Permission {
    TENANTS_READ, TENANTS_WRITE,
    /** A tenant's own settings: capabilities, providers, routing strategy, body capture, retention. */
    TENANT_SETTINGS_WRITE,
    TEAMS_READ, TEAMS_WRITE,
    USERS_READ, USERS_WRITE,
    KEYS_READ, KEYS_WRITE,
    /** The virtual keys the principal issued itself, and their usage; not the other keys of its tenants. */
    OWN_KEYS_READ, OWN_KEYS_WRITE,
    BUDGETS_READ, BUDGETS_WRITE,
    LOGS_READ, LOGS_BODIES,
    ANALYTICS_READ,
    SPEND_READ,
    EXPORTS_READ,
    AUDIT_READ,
    EVENTS_READ,
    PLAYGROUND_USE,
    PRICES_READ, PRICES_WRITE,
    PROVIDERS_READ, PROVIDERS_WRITE,
    ROUTES_READ, ROUTES_WRITE,
    HEALTH_READ, HEALTH_WRITE,
    ALERTS_READ, ALERTS_WRITE,
    CACHE_READ, CACHE_WRITE,
    SETTINGS_READ, SETTINGS_WRITE,
    PRINCIPALS_READ, PRINCIPALS_WRITE,
    ROLES_WRITE;

    private static final Map<String, Permission> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Permission::id, Function.identity()));

    /** The permission's name, {@code resource:action}. */
    public String id() {
        String name = name().toLowerCase(Locale.ROOT);
        int cut = name.lastIndexOf('_');
        return name.substring(0, cut) + ':' + name.substring(cut + 1);
    }

    /** The permission of this name ({@code keys:write}), if there is one. */
    public static Optional<Permission> byId(String id) {
        return Optional.ofNullable(BY_NAME.get(id));
    }

    @Override
    public String toString() {
        return id();
    }
}
