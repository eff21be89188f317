package dev.junction.store;

import static dev.junction.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.budget.BudgetPeriod;
import dev.junction.routing.UnitPrices;
import dev.junction.config.StoredProvider;
import dev.junction.config.StoredRoute;
import dev.junction.entity.Budget;
import dev.junction.entity.BudgetScope;
import dev.junction.entity.PriceOverride;
import dev.junction.entity.Team;
import dev.junction.entity.Tenant;
import dev.junction.entity.User;
import dev.junction.entity.VirtualKey;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDatabases.class)
class GovernanceStoreTest {

    @AllDialects
    void loadAllReadsEveryEntityAndTheRevisionTogether(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("all")));
        Team team = store.teams().create(tenant.id(), Fixtures.team("t"));
        User user = store.users().create(tenant.id(), Fixtures.user("u"));
        VirtualKey key = store.keys().create(user.id(), "jk", Fixtures.keyHash(), Fixtures.key("k"));
        Budget budget = store.budgets().create(BudgetScope.KEY, key.id(),
                new Budget.Spec(7, BudgetPeriod.TOTAL, ZoneId.of("UTC")));
        PriceOverride price = store.priceOverrides().put(new PriceOverride(unique("m"), 1, 2, OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), UnitPrices.NONE));
        StoredProvider provider = store.providers().create(new StoredProvider(unique("p"), "{}", Optional.empty()));
        StoredRoute route = store.routes().create(new StoredRoute(unique("r"), "{}"));

        GovernanceData data = store.loadAll();

        assertThat(data.revision()).isEqualTo(store.revision().current());
        assertThat(data.tenants()).contains(tenant);
        assertThat(data.teams()).contains(team);
        assertThat(data.users()).contains(user);
        assertThat(data.keys()).contains(key);
        assertThat(data.budgets()).contains(budget);
        assertThat(data.priceOverrides()).contains(price);
        assertThat(data.providers()).contains(provider);
        assertThat(data.routes()).contains(route);
    }
}
