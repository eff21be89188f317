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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A virtual key with everything it is subject to, resolved once per snapshot: its user, team and tenant, the budgets
 * of all four, their model scopes and rate limits, and the key's address allow-list. The tightest of each applies.
 * Immutable.
 */
public record KeyGrant(VirtualKey key, User user, Optional<Team> team, Tenant tenant, List<Budget> budgets,
                       IpAllowList ips) {

    public KeyGrant {
        budgets = List.copyOf(budgets);
    }

    /** Who requests made with this key are billed to. */
    public Attribution attribution() {
        return new Attribution(key.name(), Optional.of(key.id()), Optional.of(user.id()), team.map(Team::id),
                Optional.of(tenant.id()));
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
        return new ModelScope(key.allowedModels()).allows(model) && new ModelScope(user.allowedModels()).allows(model)
                && team.map(t -> new ModelScope(t.allowedModels()).allows(model)).orElse(true)
                && new ModelScope(tenant.allowedModels()).allows(model);
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
        List<LimitSubject> subjects = new ArrayList<>(4);
        add(subjects, new LimitSubject("key:" + key.id(), key.limits()));
        add(subjects, new LimitSubject("user:" + user.id(), user.limits()));
        team.ifPresent(t -> add(subjects, new LimitSubject("team:" + t.id(), t.limits())));
        add(subjects, new LimitSubject("tenant:" + tenant.id(), tenant.limits()));
        return List.copyOf(subjects);
    }

    private static void add(List<LimitSubject> subjects, LimitSubject subject) {
        if (!subject.limits().isEmpty()) {
            subjects.add(subject);
        }
    }

    /** The ledger accounts of every budget that applies. */
    public List<BudgetAccount> budgetAccounts() {
        return budgets.stream().map(KeyGrant::account).toList();
    }

    /** The ledger account of a budget. */
    public static BudgetAccount account(Budget budget) {
        return new BudgetAccount("budget:" + budget.id(), budget.amountNanos(), budget.period(), budget.timeZone());
    }

    /** The markup the caller pays: the team's when it has one, else the tenant's. */
    public double markup() {
        return team.flatMap(t -> t.markup().isPresent() ? Optional.of(t.markup().getAsDouble()) : Optional.empty())
                .orElse(tenant.markup());
    }
}
