package dev.junction.admin;

import dev.junction.rbac.Permission;

import dev.junction.crypto.VirtualKeys;
import dev.junction.entity.Budget;
import dev.junction.entity.BudgetScope;
import dev.junction.entity.User;
import dev.junction.entity.VirtualKey;
import dev.junction.secret.Secret;
import dev.junction.store.GovernanceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Creating users and issuing and revoking keys, shared by the admin API and the {@code junction users} and
 * {@code junction keys} commands so that both check the same things and record the same audit entries. Every
 * method runs on the database's threads and returns a future. Thread safe.
 */
public final class GovernanceCommands {

    private final AuditedWrites writes;
    private final VirtualKeys keys;

    /**
     * @param writes how changes are made and audited
     * @param keys makes and hashes virtual keys (with the gateway's secret key)
     */
    public GovernanceCommands(AuditedWrites writes, VirtualKeys keys) {
        this.writes = writes;
        this.keys = keys;
    }

    /**
     * A key just issued: the plaintext exists only here, to be shown once.
     *
     * @param key the stored key (its hash and prefix, never the plaintext)
     * @param plaintext the key itself
     * @param budgets the key's budgets, created with it
     */
    public record IssuedKey(VirtualKey key, Secret plaintext, List<Budget> budgets) {

        /** Copies the budgets. */
        public IssuedKey {
            budgets = List.copyOf(budgets);
        }
    }

    /**
     * Creates a user, audited as {@code user.create}.
     *
     * @throws AdminError (in the future) when the tenant or team does not exist
     */
    public CompletableFuture<User> createUser(Actor actor, UserJson.NewUser request) {
        return writes.write(actor, store -> {
            if (!actor.grants().scope(Permission.USERS_WRITE).includes(request.tenantId())) {
                throw AdminError.invalid("'tenant_id': there is no tenant '" + request.tenantId() + "'.");
            }
            requireTenantAndTeam(store, request);
            User user = store.users().create(request.tenantId(), request.spec());
            return AuditedWrites.Outcome.changed(user, AuditedWrites.Entry.created("user", user.id(),
                    UserJson.render(user)));
        });
    }

    /**
     * Issues a key for a user with its limits and budgets in one transaction: the key, its budgets and their audit
     * entries ({@code key.create}, {@code budget.create}) commit together or not at all, so no replica ever sees the
     * key without them. The key records the principal that issued it (none for an admin key or the CLI); budgets
     * with it need {@code budgets:write} in the user's tenant.
     *
     * @throws AdminError (in the future) when the user does not exist
     */
    public CompletableFuture<IssuedKey> createKey(Actor actor, KeyJson.NewKey request) {
        VirtualKeys.NewKey material = keys.generate();
        return writes.write(actor, store -> {
            Optional<User> user = store.users().get(request.userId()).filter(u -> mayIssueIn(actor, u.tenantId()));
            if (user.isEmpty()) {
                throw AdminError.invalid("'user_id': there is no user '" + request.userId() + "'.");
            }
            if (!request.budgets().isEmpty()
                    && !actor.grants().scope(Permission.BUDGETS_WRITE).includes(user.get().tenantId())) {
                throw AdminError.forbidden("'budgets': a key's budgets need the permission budgets:write; issue "
                        + "the key without them.");
            }
            VirtualKey key = store.keys().create(request.userId(), material.displayPrefix(), material.hash(),
                    material.hashKeyId(), request.spec(), actor.principalId());
            List<Budget> budgets = request.budgets().stream()
                    .map(spec -> store.budgets().create(BudgetScope.KEY, key.id(), spec)).toList();
            List<AuditedWrites.Entry> entries = new ArrayList<>();
            entries.add(AuditedWrites.Entry.created("key", key.id(), KeyJson.render(key)));
            budgets.forEach(b -> entries.add(AuditedWrites.Entry.created("budget", b.id(),
                    BudgetJson.render(b, Optional.empty()))));
            return new AuditedWrites.Outcome<>(new IssuedKey(key, material.plaintext(), budgets), entries);
        });
    }

    /**
     * Disables a key for good but keeps it, so the request log still names it; audited as {@code key.revoke}. A
     * revoked key can never be enabled again; revoking it again changes nothing.
     *
     * @return the key as it is now; empty when there is no such key
     */
    public CompletableFuture<Optional<VirtualKey>> revokeKey(Actor actor, String keyId) {
        return writes.write(actor, store -> {
            Optional<VirtualKey> current = store.keys().get(keyId);
            if (current.isEmpty() || current.get().revoked()) {
                return AuditedWrites.Outcome.unchanged(current);
            }
            Optional<VirtualKey> revoked = store.keys().revoke(keyId);
            return AuditedWrites.Outcome.changed(revoked, new AuditedWrites.Entry("key.revoke", "key", keyId,
                    AuditDetail.changes(KeyJson.render(current.get()), KeyJson.render(revoked.orElseThrow()))));
        });
    }

    /** Whether the actor may issue keys in this tenant ({@code keys:write} or {@code own_keys:write}). */
    private static boolean mayIssueIn(Actor actor, String tenantId) {
        return actor.grants().scope(Permission.KEYS_WRITE).includes(tenantId)
                || actor.grants().scope(Permission.OWN_KEYS_WRITE).includes(tenantId);
    }

    private static void requireTenantAndTeam(GovernanceStore store, UserJson.NewUser request) {
        if (store.tenants().get(request.tenantId()).isEmpty()) {
            throw AdminError.invalid("'tenant_id': there is no tenant '" + request.tenantId() + "'.");
        }
        request.spec().teamId().ifPresent(team -> {
            if (store.teams().get(team).filter(t -> t.tenantId().equals(request.tenantId())).isEmpty()) {
                throw AdminError.invalid("'team_id': there is no team '" + team + "' in tenant '"
                        + request.tenantId() + "'.");
            }
        });
    }
}
