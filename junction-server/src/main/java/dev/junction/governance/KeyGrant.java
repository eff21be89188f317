package dev.junction.governance;

import dev.junction.budget.BudgetAccount;
import dev.junction.entity.Attribution;
import dev.junction.entity.Budget;
import dev.junction.entity.IpAllowList;
import dev.junction.entity.ModelScope;
import dev.junction.entity.Team;
import dev.junction.entity.Tenant;
import dev.junction.entity.User;
import dev.junction.entity.VirtualKey;
import dev.junction.limit.LimitSubject;
import dev.junction.model.GatewayError;
import dev.junction.routing.OperationKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A virtual key with everything it is subject to, resolved once per snapshot: its user, team and tenant, the budgets
 * of all four, their model scopes and rate limits, and the key's address allow-list. The tightest of each applies.
 * Immutable.
 */
public final class KeyGrant {

    private final VirtualKey key;
    private final User user;
    private final Optional<Team> team;
    private final Tenant tenant;
    private final List<Budget> budgets;
    private final IpAllowList ips;
    // Derived once per snapshot, read on every request of the key.
    private final Attribution attribution;
    private final List<LimitSubject> limitSubjects;
    private final List<BudgetAccount> budgetAccounts;
    private final List<ModelScope> scopes;

    public KeyGrant(VirtualKey key, User user, Optional<Team> team, Tenant tenant, List<Budget> budgets,
                    IpAllowList ips) {
        this.key = key;
        this.user = user;
        this.team = team;
        this.tenant = tenant;
        this.budgets = List.copyOf(budgets);
        this.ips = ips;
        this.attribution = new Attribution(key.name(), Optional.of(key.id()), Optional.of(user.id()),
                team.map(Team::id), Optional.of(tenant.id()));
        List<LimitSubject> subjects = new ArrayList<>(4);
        add(subjects, new LimitSubject("key:" + key.id(), key.limits()));
        add(subjects, new LimitSubject("user:" + user.id(), user.limits()));
        team.ifPresent(t -> add(subjects, new LimitSubject("team:" + t.id(), t.limits())));
        add(subjects, new LimitSubject("tenant:" + tenant.id(), tenant.limits()));
        this.limitSubjects = List.copyOf(subjects);
        this.budgetAccounts = this.budgets.stream().map(KeyGrant::account).toList();
        List<ModelScope> levels = new ArrayList<>(4);
        levels.add(new ModelScope(key.allowedModels()));
        levels.add(new ModelScope(user.allowedModels()));
        team.ifPresent(t -> levels.add(new ModelScope(t.allowedModels())));
        levels.add(new ModelScope(tenant.allowedModels()));
        this.scopes = List.copyOf(levels);
    }

    public VirtualKey key() {
        return key;
    }

    public User user() {
        return user;
    }

    public Optional<Team> team() {
        return team;
    }

    public Tenant tenant() {
        return tenant;
    }

    /** The budgets of the key, its user, team and tenant. */
    public List<Budget> budgets() {
        return budgets;
    }

    /** The key's address allow-list. */
    public IpAllowList ips() {
        return ips;
    }

    /** Who requests made with this key are billed to. */
    public Attribution attribution() {
        return attribution;
    }

    /**
     * Why the key may not be used now from this address, if it may not: it, its user or its team disabled, or the key
     * expired (401), or an address outside its allow-list (403).
     */
    public Optional<GatewayError> refusal(Instant now, String clientAddress) {
        if (!key.enabled()) {
            return Optional.of(new GatewayError.Unauthorized("The API key '" + key.name() + "' is disabled."));
        }
        if (!user.enabled()) {
            return Optional.of(new GatewayError.Unauthorized("The user of the API key '" + key.name()
                    + "' is disabled."));
        }
        if (team.filter(t -> !t.enabled()).isPresent()) {
            return Optional.of(new GatewayError.Unauthorized("The team of the API key '" + key.name()
                    + "' is disabled."));
        }
        if (key.expiresAt().filter(at -> !now.isBefore(at)).isPresent()) {
            return Optional.of(new GatewayError.Unauthorized("The API key '" + key.name() + "' expired at "
                    + key.expiresAt().get() + "."));
        }
        if (!ips.allows(clientAddress)) {
            return Optional.of(new GatewayError.PermissionDenied("The API key '" + key.name()
                    + "' may not be used from " + clientAddress + "."));
        }
        return Optional.empty();
    }

    /** Whether every level (key, user, team, tenant) lets the key call this public model. */
    public boolean allowsModel(String model) {
        for (ModelScope scope : scopes) {
            if (!scope.allows(model)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Which level turned this operation off for the key, if one did: the key, its user, its team or its tenant (the
     * most specific is named first).
     */
    public Optional<String> disabling(OperationKind operation) {
        if (key.disabledCapabilities().contains(operation)) {
            return Optional.of("API key '" + key.name() + "'");
        }
        if (user.disabledCapabilities().contains(operation)) {
            return Optional.of("user '" + user.name() + "'");
        }
        if (team.isPresent() && team.get().disabledCapabilities().contains(operation)) {
            return Optional.of("team '" + team.get().name() + "'");
        }
        if (tenant.disabledCapabilities().contains(operation)) {
            return Optional.of("tenant '" + tenant.name() + "'");
        }
        return Optional.empty();
    }

    /** The most specific non-empty model scope, for messages and {@code GET /v1/me}. */
    public ModelScope scope() {
        for (List<String> patterns : List.of(key.allowedModels(), user.allowedModels(),
                team.map(Team::allowedModels).orElse(List.of()), tenant.allowedModels())) {
            if (!patterns.isEmpty()) {
                return new ModelScope(patterns);
            }
        }
        return ModelScope.ANY;
    }

    /** The rate-limit subjects of the key, its user, team and tenant (those without limits are left out). */
    public List<LimitSubject> limitSubjects() {
        return limitSubjects;
    }

    private static void add(List<LimitSubject> subjects, LimitSubject subject) {
        if (!subject.limits().isEmpty()) {
            subjects.add(subject);
        }
    }

    /** The ledger accounts of every budget that applies. */
    public List<BudgetAccount> budgetAccounts() {
        return budgetAccounts;
    }

    /** The ledger account of a budget. */
    public static BudgetAccount account(Budget budget) {
        return new BudgetAccount("budget:" + budget.id(), budget.amountNanos(), budget.period(), budget.timeZone());
    }

    @Override
    public String toString() {
        return "KeyGrant[key=" + key.id() + ", user=" + user.id() + ", team=" + team.map(Team::id).orElse("-")
                + ", tenant=" + tenant.id() + ", budgets=" + budgets.size() + "]";
    }

    /** The markup the caller pays: the team's when it has one, else the tenant's. */
    public double markup() {
        return team.flatMap(t -> t.markup().isPresent() ? Optional.of(t.markup().getAsDouble()) : Optional.empty())
                .orElse(tenant.markup());
    }
}
