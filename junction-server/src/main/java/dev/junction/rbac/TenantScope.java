package dev.junction.rbac;

import java.util.Optional;
import java.util.Set;

/**
 * The tenants a principal may reach with one permission: all of them, or only some (possibly none). Immutable.
 */
public sealed interface TenantScope {

    /** Every tenant, and the instance itself. */
    TenantScope ALL = new All();

    /** No tenant at all. */
    TenantScope NONE = new Only(Set.of());

    /** Whether this tenant's data is in reach. */
    boolean includes(String tenantId);

    /** Whether no tenant is in reach. */
    default boolean isEmpty() {
        return this instanceof Only only && only.tenants().isEmpty();
    }

    /** The one tenant in reach, when there is exactly one and the scope is not {@link #ALL}. */
    default Optional<String> single() {
        return this instanceof Only only && only.tenants().size() == 1
                ? Optional.of(only.tenants().iterator().next()) : Optional.empty();
    }

    /** Every tenant. */
    record All() implements TenantScope {
        @Override
        public boolean includes(String tenantId) {
            return true;
        }
    }

    /**
     * These tenants only.
     *
     * @param tenants their ids
     */
    record Only(Set<String> tenants) implements TenantScope {

        /** Copies the set. */
        public Only {
            tenants = Set.copyOf(tenants);
        }

        @Override
        public boolean includes(String tenantId) {
            return tenants.contains(tenantId);
        }
    }
}
