package dev.junction.it;

import dev.junction.budget.BudgetPeriod;
import dev.junction.crypto.VirtualKeys;
import dev.junction.entity.Budget;
import dev.junction.entity.BudgetScope;
import dev.junction.entity.Team;
import dev.junction.entity.Tenant;
import dev.junction.entity.User;
import dev.junction.entity.VirtualKey;
import dev.junction.governance.Governance;
import dev.junction.limit.RateLimits;
import dev.junction.pricing.Costs;
import dev.junction.routing.OperationKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Creates users, virtual keys and budgets straight in a test gateway's store (the admin API has its own tests), and
 * publishes them to the gateway's data plane.
 */
final class Provision {

    /** A key's plaintext and its stored record. */
    record IssuedKey(String plaintext, VirtualKey record) {
        String id() {
            return record.id();
        }
    }

    private final Governance governance;
    private final boolean publishes;

    Provision(Gateway gateway) {
        this(gateway, true);
    }

    private Provision(Gateway gateway, boolean publishes) {
        this.governance = gateway.server().governance();
        this.publishes = publishes;
    }

    /**
     * Writes to the gateway's store without publishing to its data plane, as another replica (or the CLI on the
     * database) would: the gateway's snapshot stays behind until it polls or is told.
     */
    static Provision behindTheBackOf(Gateway gateway) {
        return new Provision(gateway, false);
    }

    User user() {
        return call(() -> governance.store().users().create("ten_default", new User.Spec(Optional.empty(),
                "user-" + UUID.randomUUID(), Optional.empty(), RateLimits.NONE, List.of(), Map.of(), true)));
    }

    /** A new tenant whose callers may not use these operations. */
    Tenant tenant(Set<OperationKind> disabled) {
        Tenant tenant = call(() -> governance.store().tenants().create(new Tenant.Spec("tenant-" + UUID.randomUUID(),
                0, RateLimits.NONE, List.of(), Map.of(), disabled)));
        publish();
        return tenant;
    }

    /** A key of a new user of {@code tenant}, which may not be used for these operations. */
    IssuedKey key(Tenant tenant, Set<OperationKind> disabled) {
        User user = call(() -> governance.store().users().create(tenant.id(), new User.Spec(Optional.empty(),
                "user-" + UUID.randomUUID(), Optional.empty(), RateLimits.NONE, List.of(), Map.of(), true)));
        VirtualKey.Spec plain = spec(RateLimits.NONE, List.of(), List.of(), Optional.empty(), true);
        return key(user, new VirtualKey.Spec(plain.name(), plain.allowedModels(), plain.ipAllow(), plain.tags(),
                plain.metadata(), plain.limits(), plain.expiresAt(), true, false, disabled));
    }

    /**
     * A key of a new user in a new team of {@code tenant}: the team may not use {@code teamDisabled}, the user
     * {@code userDisabled}; the key itself may use everything.
     */
    IssuedKey keyInTeam(Tenant tenant, Set<OperationKind> teamDisabled, Set<OperationKind> userDisabled) {
        Team team = call(() -> governance.store().teams().create(tenant.id(), new Team.Spec("team-" + UUID.randomUUID(),
                OptionalDouble.empty(), RateLimits.NONE, List.of(), Map.of(), true, teamDisabled)));
        User user = call(() -> governance.store().users().create(tenant.id(), new User.Spec(Optional.of(team.id()),
                "user-" + UUID.randomUUID(), Optional.empty(), RateLimits.NONE, List.of(), Map.of(), true,
                userDisabled)));
        return key(user, spec(RateLimits.NONE, List.of(), List.of(), Optional.empty(), true));
    }

    /** A key of a new user with these limits and model scope. */
    IssuedKey key(RateLimits limits, List<String> allowedModels) {
        return key(user(), spec(limits, allowedModels, List.of(), Optional.empty(), true));
    }

    /** A key of a new user without limits. */
    IssuedKey key() {
        return key(RateLimits.NONE, List.of());
    }

    static VirtualKey.Spec spec(RateLimits limits, List<String> allowedModels, List<String> ipAllow,
                                Optional<Instant> expiresAt, boolean enabled) {
        return new VirtualKey.Spec("key-" + UUID.randomUUID(), allowedModels, ipAllow, List.of("test"), Map.of(),
                limits, expiresAt, enabled, false);
    }

    IssuedKey key(User user, VirtualKey.Spec spec) {
        VirtualKeys.NewKey material = governance.virtualKeys().generate();
        VirtualKey stored = call(() -> governance.store().keys().create(user.id(), material.displayPrefix(),
                material.hash(), material.hashKeyId(), spec));
        publish();
        return new IssuedKey(material.plaintext().reveal(), stored);
    }

    /**
     * A key of a new user with a budget of {@code usd} per period, both in one transaction, as the admin API creates
     * them: no snapshot can hold the key without its budget.
     */
    IssuedKey keyWithBudget(double usd, BudgetPeriod period) {
        User user = user();
        VirtualKeys.NewKey material = governance.virtualKeys().generate();
        VirtualKey stored = call(() -> governance.database().jdbi().inTransaction(handle -> {
            VirtualKey key = governance.store().keys().create(user.id(), material.displayPrefix(), material.hash(),
                    material.hashKeyId(), spec(RateLimits.NONE, List.of(), List.of(), Optional.empty(), true));
            governance.store().budgets().create(BudgetScope.KEY, key.id(),
                    new Budget.Spec(Costs.nanos(usd), period, ZoneId.of("UTC")));
            return key;
        }));
        publish();
        return new IssuedKey(material.plaintext().reveal(), stored);
    }

    /** A budget of {@code usd} per period on the key. */
    Budget budget(IssuedKey key, double usd, BudgetPeriod period) {
        Budget budget = call(() -> governance.store().budgets().create(BudgetScope.KEY, key.id(),
                new Budget.Spec(Costs.nanos(usd), period, ZoneId.of("UTC"))));
        publish();
        return budget;
    }

    static RateLimits rpm(long rpm) {
        return new RateLimits(OptionalLong.of(rpm), OptionalLong.empty(), OptionalInt.empty());
    }

    void publish() {
        if (publishes) {
            governance.refresh().join();
        }
    }

    <T> T call(Callable<T> work) {
        return governance.database().call(work).join();
    }
}
