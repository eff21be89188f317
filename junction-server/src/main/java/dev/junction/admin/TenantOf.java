package dev.junction.admin;

import dev.junction.entity.Budget;
import dev.junction.entity.BudgetScope;
import dev.junction.store.Database;
import dev.junction.store.GovernanceStore;
import dev.junction.store.RequestLogQuery;
import java.util.Optional;

/**
 * The tenant a stored thing belongs to: a tenant is its own, a team's and a user's are recorded, a key's is its
 * user's, a budget's is its scope's, a request's is the one the log attributed it to. Blocking: run it on a database
 * thread.
 */
final class TenantOf {

    /** The kinds of thing an admin route's path may name. */
    enum Kind {
        TENANT, TEAM, USER, KEY, BUDGET, REQUEST
    }

    private TenantOf() {}

    /** The tenant of the thing of this kind and id; empty when there is no such thing. */
    static Optional<String> resolve(GovernanceStore store, Database database, Kind kind, String id) {
        return switch (kind) {
            case TENANT -> store.tenants().get(id).map(t -> t.id());
            case TEAM -> store.teams().get(id).map(t -> t.tenantId());
            case USER -> store.users().get(id).map(u -> u.tenantId());
            case KEY -> store.keys().get(id).flatMap(k -> store.users().get(k.userId())).map(u -> u.tenantId());
            case BUDGET -> store.budgets().get(id).flatMap(b -> ofBudget(store, b));
            case REQUEST -> new RequestLogQuery(database).byRequestId(id).flatMap(r -> r.request().caller().tenantId());
        };
    }

    /**
     * Whether a caller reaches the thing a path names: its tenant in {@code scope}, or, for a key, its tenant in
     * {@code own} and the key issued by the caller.
     */
    static boolean inReach(GovernanceStore store, Database database, AccessRule rule, String id,
                           dev.junction.rbac.TenantScope scope, dev.junction.rbac.TenantScope own,
                           Optional<String> principalId) {
        Kind kind = rule.target().orElseThrow();
        if (kind != Kind.KEY || own.isEmpty()) {
            return resolve(store, database, kind, id).filter(scope::includes).isPresent();
        }
        return store.keys().get(id).flatMap(k -> store.users().get(k.userId())
                .filter(u -> scope.includes(u.tenantId()) || own.includes(u.tenantId()) && k.issuedBy(principalId)))
                .isPresent();
    }

    /** The tenant of a budget's scope. */
    static Optional<String> ofBudget(GovernanceStore store, Budget budget) {
        return ofScope(store, budget.scope(), budget.scopeId());
    }

    /** The tenant of a budget scope's subject. */
    static Optional<String> ofScope(GovernanceStore store, BudgetScope scope, String scopeId) {
        return switch (scope) {
            case KEY -> store.keys().get(scopeId).flatMap(k -> store.users().get(k.userId())).map(u -> u.tenantId());
            case USER -> store.users().get(scopeId).map(u -> u.tenantId());
            case TEAM -> store.teams().get(scopeId).map(t -> t.tenantId());
            case TENANT -> store.tenants().get(scopeId).map(t -> t.id());
        };
    }

    /**
     * The tenant an audit entry is about, looked up after the change (or from the deleted thing's fields): empty for
     * instance-wide things (prices, providers, routes, alerts).
     */
    static Optional<String> ofAudited(GovernanceStore store, Database database, AuditedWrites.Entry entry) {
        Optional<Kind> kind = switch (entry.entity()) {
            case "tenant" -> Optional.of(Kind.TENANT);
            case "team" -> Optional.of(Kind.TEAM);
            case "user" -> Optional.of(Kind.USER);
            case "key" -> Optional.of(Kind.KEY);
            case "budget" -> Optional.of(Kind.BUDGET);
            default -> Optional.empty();
        };
        Optional<String> found = kind.flatMap(k -> resolve(store, database, k, entry.entityId()));
        if (found.isPresent()) {
            return found;
        }
        var detail = entry.detail();
        if (detail.hasNonNull("tenant_id")) {
            return Optional.of(detail.get("tenant_id").asString());
        }
        if (detail.hasNonNull("user_id")) {
            return store.users().get(detail.get("user_id").asString()).map(u -> u.tenantId());
        }
        if (detail.path("bindings").isArray() && !detail.path("bindings").isEmpty()) {
            // A principal: the one tenant all its bindings name, if they name one.
            java.util.Set<String> tenants = new java.util.HashSet<>();
            detail.path("bindings").forEach(binding -> tenants.add(binding.path("tenant_id").asString("*")));
            return tenants.size() == 1 && !tenants.contains("*") ? tenants.stream().findFirst() : Optional.empty();
        }
        if (detail.hasNonNull("scope") && detail.hasNonNull("scope_id")) {
            try {
                return ofScope(store, BudgetScope.ofWireName(detail.get("scope").asString()),
                        detail.get("scope_id").asString());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
