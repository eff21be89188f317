package dev.junction.admin;

import dev.junction.rbac.Grants;
import dev.junction.rbac.Permission;
import dev.junction.rbac.Principal;
import dev.junction.rbac.Role;
import dev.junction.rbac.RoleBinding;
import dev.junction.rbac.TenantScope;
import dev.junction.store.GovernanceStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may see and change which principals, and which bindings a caller may hand out: nobody grants more than it
 * holds. A caller sees a principal with a binding in one of its tenants, and changes only principals all of whose
 * bindings are in its tenants; a binding it gives must name a role whose every permission the caller holds in the
 * binding's tenant (in every tenant, for a binding to all of them). Blocking where it reads the store: on a
 * database thread.
 */
final class PrincipalRules {

    private PrincipalRules() {}

    /** Whether the caller may see the principal. */
    static boolean visible(TenantScope scope, Principal p) {
        return scope instanceof TenantScope.All
                || p.bindings().stream().anyMatch(b -> b.tenantId().filter(scope::includes).isPresent());
    }

    /** Whether the caller may change the principal (its bindings all in reach; one without bindings too). */
    static boolean manageable(TenantScope scope, Principal p) {
        return scope instanceof TenantScope.All
                || p.bindings().stream().allMatch(b -> b.tenantId().filter(scope::includes).isPresent());
    }

    /**
     * Checks bindings a caller wants to give.
     *
     * @throws AdminError naming the first binding it may not give, or a role or tenant that does not exist
     */
    static void requireGrantable(GovernanceStore s, Grants caller, TenantScope scope, List<RoleBinding> bindings) {
        Function<String, Optional<Role>> roles = PrincipalAccess.roles(s);
        for (RoleBinding b : bindings) {
            Role role = roles.apply(b.role()).orElseThrow(() -> AdminError.invalid("'bindings': there is no role '"
                    + b.role() + "'."));
            if (b.tenantId().isPresent()) {
                String tenant = b.tenantId().get();
                if (!scope.includes(tenant) || s.tenants().get(tenant).isEmpty()) {
                    throw AdminError.invalid("'bindings': there is no tenant '" + tenant + "'.");
                }
            } else if (!(scope instanceof TenantScope.All)) {
                throw AdminError.invalid("'bindings': a binding to every tenant (no tenant_id) needs principals:write "
                        + "in every tenant.");
            }
            for (Permission p : role.permissions()) {
                TenantScope held = caller.scope(p);
                boolean holds = b.tenantId().map(held::includes).orElse(held instanceof TenantScope.All);
                if (!holds) {
                    throw AdminError.invalid("'bindings': the role '" + role.name() + "' includes " + p.id()
                            + ", which you do not hold " + b.tenantId().map(t -> "in tenant '" + t + "'")
                            .orElse("in every tenant") + "; nobody grants more than they hold.");
                }
            }
        }
    }
}
