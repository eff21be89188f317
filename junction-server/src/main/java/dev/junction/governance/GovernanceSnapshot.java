package dev.junction.governance;

import dev.junction.config.StoredProvider;
import dev.junction.config.StoredRoute;
import dev.junction.entity.Budget;
import dev.junction.entity.IpAllowList;
import dev.junction.entity.Team;
import dev.junction.entity.Tenant;
import dev.junction.entity.User;
import dev.junction.entity.VirtualKey;
import dev.junction.store.GovernanceData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the data plane knows about tenants, teams, users, virtual keys and budgets, and the stored providers and routes
 * the running configuration is merged from: an immutable in-memory view of the store at one revision. Lookups are map
 * reads; nothing here touches the database. A change in the store publishes a new snapshot.
 */
public final class GovernanceSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceSnapshot.class);

    /** No virtual keys at all: a gateway without any stored governance data. */
    public static final GovernanceSnapshot EMPTY = new GovernanceSnapshot(Map.of(), List.of(), Map.of(), List.of(),
            List.of(), -1);

    private final Map<String, KeyGrant> grantsByHash;
    private final List<Budget> budgets;
    private final Map<String, String> budgetTenants;
    private final List<StoredProvider> storedProviders;
    private final List<StoredRoute> storedRoutes;
    private final Map<String, String> providerOwners;
    private final long revision;

    private GovernanceSnapshot(Map<String, KeyGrant> grantsByHash, List<Budget> budgets,
                               Map<String, String> budgetTenants, List<StoredProvider> storedProviders,
                               List<StoredRoute> storedRoutes, long revision) {
        this.grantsByHash = Map.copyOf(grantsByHash);
        this.budgets = List.copyOf(budgets);
        this.budgetTenants = Map.copyOf(budgetTenants);
        this.storedProviders = List.copyOf(storedProviders);
        this.storedRoutes = List.copyOf(storedRoutes);
        Map<String, String> owners = new HashMap<>();
        storedProviders.forEach(p -> p.tenantId().ifPresent(t -> owners.put(p.name(), t)));
        this.providerOwners = Map.copyOf(owners);
        this.revision = revision;
    }

    /** Resolves every key to its grant. Keys whose user, team or tenant is missing are skipped (and logged). */
    public static GovernanceSnapshot of(GovernanceData data) {
        Map<String, Tenant> tenants = byId(data.tenants(), Tenant::id);
        Map<String, Team> teams = byId(data.teams(), Team::id);
        Map<String, User> users = byId(data.users(), User::id);
        Map<String, List<Budget>> budgetsBySubject = data.budgets().stream().collect(Collectors.groupingBy(
                b -> b.scope().wireName() + ":" + b.scopeId()));
        Map<String, KeyGrant> grants = new HashMap<>();
        for (VirtualKey key : data.keys()) {
            User user = users.get(key.userId());
            Tenant tenant = user == null ? null : tenants.get(user.tenantId());
            if (user == null || tenant == null) {
                LOG.warn("Virtual key {} has no user or tenant and is ignored", key.id());
                continue;
            }
            Optional<Team> team = user.teamId().map(teams::get);
            IpAllowList ips;
            try {
                ips = IpAllowList.of(key.ipAllow());
            } catch (IllegalArgumentException e) {
                LOG.warn("Virtual key {} has an invalid IP allow-list and is ignored: {}", key.id(), e.getMessage());
                continue;
            }
            List<Budget> budgets = new java.util.ArrayList<>();
            budgets.addAll(budgetsBySubject.getOrDefault("key:" + key.id(), List.of()));
            budgets.addAll(budgetsBySubject.getOrDefault("user:" + user.id(), List.of()));
            team.ifPresent(t -> budgets.addAll(budgetsBySubject.getOrDefault("team:" + t.id(), List.of())));
            budgets.addAll(budgetsBySubject.getOrDefault("tenant:" + tenant.id(), List.of()));
            grants.put(key.keyHash(), new KeyGrant(key, user, team, tenant, budgets, ips));
        }
        Map<String, VirtualKey> keys = byId(data.keys(), VirtualKey::id);
        Map<String, String> budgetTenants = new HashMap<>();
        for (Budget b : data.budgets()) {
            Optional<String> tenant = switch (b.scope()) {
                case TENANT -> Optional.of(b.scopeId());
                case TEAM -> Optional.ofNullable(teams.get(b.scopeId())).map(Team::tenantId);
                case USER -> Optional.ofNullable(users.get(b.scopeId())).map(User::tenantId);
                case KEY -> Optional.ofNullable(keys.get(b.scopeId())).map(k -> users.get(k.userId()))
                        .map(User::tenantId);
            };
            tenant.ifPresent(t -> budgetTenants.put(b.id(), t));
        }
        return new GovernanceSnapshot(grants, data.budgets(), budgetTenants, data.providers(), data.routes(),
                data.revision());
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a));
    }

    /** The grant of the key with this hash. */
    public Optional<KeyGrant> byHash(String keyHash) {
        return Optional.ofNullable(grantsByHash.get(keyHash));
    }

    /** Whether any virtual key exists; a gateway that starts on a store with one requires a key on every request. */
    public boolean hasVirtualKeys() {
        return !grantsByHash.isEmpty();
    }

    /** Every budget. */
    public List<Budget> budgets() {
        return budgets;
    }

    /** The tenant a budget's scope belongs to (for a key, its user's). */
    public Optional<String> tenantOfBudget(String budgetId) {
        return Optional.ofNullable(budgetTenants.get(budgetId));
    }

    /** Every stored provider, by name (their keys still sealed). */
    public List<StoredProvider> storedProviders() {
        return storedProviders;
    }

    /** Every stored route, by name. */
    public List<StoredRoute> storedRoutes() {
        return storedRoutes;
    }

    /** The tenant a provider belongs to (whose traffic alone it serves); empty for a shared one. */
    public Optional<String> ownerOfProvider(String provider) {
        return Optional.ofNullable(providerOwners.get(provider));
    }

    /**
     * These public model names without those that name another tenant's own provider ({@code <provider>/<model>}):
     * what a caller of this tenant (empty: none) may be shown.
     */
    public List<String> visibleModels(List<String> names, Optional<String> tenantId) {
        if (providerOwners.isEmpty()) {
            return names;
        }
        return names.stream().filter(name -> visibleModel(name, tenantId)).toList();
    }

    /** Whether a public model name may be shown to a caller of this tenant (empty: none). */
    public boolean visibleModel(String name, Optional<String> tenantId) {
        int cut = name.indexOf('/');
        String owner = cut < 0 ? null : providerOwners.get(name.substring(0, cut));
        return owner == null || tenantId.equals(Optional.of(owner));
    }

    /** Whether some provider belongs to a tenant. */
    public boolean hasTenantProviders() {
        return !providerOwners.isEmpty();
    }

    /** Whether the stored providers and routes differ from another snapshot's. */
    public boolean storedConfigDiffers(GovernanceSnapshot other) {
        return !storedProviders.equals(other.storedProviders) || !storedRoutes.equals(other.storedRoutes);
    }

    /** The store revision this snapshot shows. */
    public long revision() {
        return revision;
    }
}
