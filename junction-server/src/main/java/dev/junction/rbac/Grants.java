package dev.junction.rbac;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a principal's role bindings add up to: for every permission, the tenants it reaches. A binding to every
 * tenant reaches all of them (and the instance); bindings to single tenants add up. A binding of a role that no
 * longer exists grants nothing. Immutable.
 */
public final class Grants {

    /** Everything everywhere: the configured admin keys. */
    public static final Grants OWNER = new Grants(allEverywhere());

    /** Nothing. */
    public static final Grants NONE = new Grants(Map.of());

    private final Map<Permission, TenantScope> scopes;

    private Grants(Map<Permission, TenantScope> scopes) {
        this.scopes = Map.copyOf(scopes);
    }

    /**
     * The grants of these bindings.
     *
     * @param roles finds a role by name (built-in or custom)
     */
    public static Grants of(List<RoleBinding> bindings, Function<String, Optional<Role>> roles) {
        Map<Permission, Set<String>> tenants = new EnumMap<>(Permission.class);
        Set<Permission> everywhere = java.util.EnumSet.noneOf(Permission.class);
        for (RoleBinding binding : bindings) {
            Optional<Role> role = roles.apply(binding.role());
            if (role.isEmpty()) {
                continue;
            }
            for (Permission p : role.get().permissions()) {
                binding.tenantId().ifPresentOrElse(
                        t -> tenants.computeIfAbsent(p, k -> new HashSet<>()).add(t), () -> everywhere.add(p));
            }
        }
        Map<Permission, TenantScope> scopes = new EnumMap<>(Permission.class);
        tenants.forEach((p, ids) -> scopes.put(p, new TenantScope.Only(ids)));
        everywhere.forEach(p -> scopes.put(p, TenantScope.ALL));
        return new Grants(scopes);
    }

    /** The tenants this permission reaches; {@link TenantScope#NONE} when it is not granted at all. */
    public TenantScope scope(Permission permission) {
        return scopes.getOrDefault(permission, TenantScope.NONE);
    }

    /** Whether the permission is granted in at least one tenant. */
    public boolean anywhere(Permission permission) {
        return !scope(permission).isEmpty();
    }

    /** Whether the permission is granted in every tenant, and so over the instance. */
    public boolean everywhere(Permission permission) {
        return scope(permission) instanceof TenantScope.All;
    }

    /** Every permission granted somewhere, with its scope. */
    public Map<Permission, TenantScope> all() {
        return scopes;
    }

    private static Map<Permission, TenantScope> allEverywhere() {
        Map<Permission, TenantScope> all = new EnumMap<>(Permission.class);
        for (Permission p : Permission.values()) {
            all.put(p, TenantScope.ALL);
        }
        return all;
    }
}
