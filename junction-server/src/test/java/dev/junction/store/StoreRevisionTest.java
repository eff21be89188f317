package dev.junction.store;

import static dev.junction.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.budget.BudgetPeriod;
import dev.junction.routing.UnitPrices;
import dev.junction.config.StoredProvider;
import dev.junction.config.StoredRoute;
import dev.junction.entity.Budget;
import dev.junction.entity.BudgetScope;
import dev.junction.entity.PriceOverride;
import dev.junction.entity.Tenant;
import dev.junction.entity.User;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs with the other store tests one class at a time, so no other writer moves the shared revision meanwhile. */
@ExtendWith(SharedDatabases.class)
class StoreRevisionTest {

    @AllDialects
    void everyKindOfConfigurationWriteIncrementsTheRevision(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Consumer<Runnable> incrementsByOne = write -> {
            long before = store.revision().current();
            write.run();
            assertThat(store.revision().current()).isEqualTo(before + 1);
        };
        Tenant[] tenant = new Tenant[1];
        User[] user = new User[1];
        incrementsByOne.accept(() -> tenant[0] = store.tenants().create(Fixtures.tenant(unique("rev"))));
        incrementsByOne.accept(() -> store.tenants().update(tenant[0].id(), Fixtures.tenant(unique("rev2"))));
        incrementsByOne.accept(() -> store.teams().create(tenant[0].id(), Fixtures.team("t")));
        incrementsByOne.accept(() -> user[0] = store.users().create(tenant[0].id(), Fixtures.user("u")));
        incrementsByOne.accept(() -> store.keys().create(user[0].id(), "jk", Fixtures.keyHash(), Fixtures.key("k")));
        incrementsByOne.accept(() -> store.budgets().create(BudgetScope.USER, user[0].id(),
                new Budget.Spec(1, BudgetPeriod.DAILY, ZoneId.of("UTC"))));
        incrementsByOne.accept(() -> store.priceOverrides().put(new PriceOverride(unique("m"), 1, 1,
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), UnitPrices.NONE)));
        incrementsByOne.accept(() -> store.providers().create(new StoredProvider(unique("p"), "{}",
                Optional.empty())));
        incrementsByOne.accept(() -> store.routes().create(new StoredRoute(unique("r"), "{}")));
    }

    @AllDialects
    void readsRefusedWritesAndWritesThatFindNothingLeaveTheRevisionAlone(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        String name = unique("same");
        store.tenants().create(Fixtures.tenant(name));
        long before = store.revision().current();

        store.tenants().list();
        assertThatThrownBy(() -> store.tenants().create(Fixtures.tenant(name))).isInstanceOf(StoreConflict.class);
        store.tenants().update(Ids.newId(Ids.TENANT), Fixtures.tenant(unique("nobody")));
        store.routes().delete(unique("nothing"));

        assertThat(store.revision().current()).isEqualTo(before);
    }
}
