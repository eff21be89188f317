package dev.junction.store;

import dev.junction.config.StoredProvider;
import dev.junction.config.StoredRoute;
import dev.junction.entity.Budget;
import dev.junction.entity.PriceOverride;
import dev.junction.entity.Team;
import dev.junction.entity.Tenant;
import dev.junction.entity.User;
import dev.junction.entity.VirtualKey;
import java.util.List;

/**
 * Every configuration entity of the store as of one revision, read in one transaction: what the application turns
 * into the in-memory snapshot the data plane reads. Immutable.
 *
 * @param revision the {@link StoreRevision} the data belongs to
 * @param tenants every tenant
 * @param teams every team
 * @param users every user
 * @param keys every virtual key
 * @param budgets every budget
 * @param priceOverrides every price override
 * @param providers every stored provider
 * @param routes every stored route
 */
public record GovernanceData(long revision, List<Tenant> tenants, List<Team> teams, List<User> users,
                             List<VirtualKey> keys, List<Budget> budgets, List<PriceOverride> priceOverrides,
                             List<StoredProvider> providers, List<StoredRoute> routes) {

    /** Copies the lists. */
    public GovernanceData {
        tenants = List.copyOf(tenants);
        teams = List.copyOf(teams);
        users = List.copyOf(users);
        keys = List.copyOf(keys);
        budgets = List.copyOf(budgets);
        priceOverrides = List.copyOf(priceOverrides);
        providers = List.copyOf(providers);
        routes = List.copyOf(routes);
    }
}
