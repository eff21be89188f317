package dev.junction.rbac;

import java.util.Objects;
import java.util.Optional;

/**
 * A principal holds a role in one tenant, or in every tenant (and over the instance's own settings). Immutable.
 *
 * @param role the role's name
 * @param tenantId the tenant; empty for every tenant
 */
public record RoleBinding(String role, Optional<String> tenantId) {

    /** How the store writes "every tenant". */
    public static final String ALL_TENANTS = "*";

    /** Checks that nothing is missing. */
    public RoleBinding {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tenantId, "tenantId");
    }

    /** The role in every tenant. */
    public static RoleBinding everywhere(String role) {
        return new RoleBinding(role, Optional.empty());
    }

    /** The role in one tenant. */
    public static RoleBinding in(String role, String tenantId) {
        return new RoleBinding(role, Optional.of(tenantId));
    }

    /** The tenant column's value: the tenant's id or {@link #ALL_TENANTS}. */
    public String tenantColumn() {
        return tenantId.orElse(ALL_TENANTS);
    }

    /** The binding a stored row describes. */
    public static RoleBinding fromColumns(String role, String tenantColumn) {
        return ALL_TENANTS.equals(tenantColumn) ? everywhere(role) : in(role, tenantColumn);
    }
}
