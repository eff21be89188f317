package dev.junction.store;

import static dev.junction.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.budget.BudgetPeriod;
import dev.junction.entity.Budget;
import dev.junction.entity.BudgetScope;
import dev.junction.entity.Tenant;
import dev.junction.limit.RateLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDatabases.class)
class TenantRepositoryTest {

    @AllDialects
    void aCreatedTenantReadsBackWithEveryField(SqlDialect dialect) {
        TenantRepository tenants = Fixtures.store(dialect).tenants();
        Tenant.Spec spec = new Tenant.Spec(unique("acme"), -0.1,
                new RateLimits(OptionalLong.of(600), OptionalLong.of(90_000), OptionalInt.of(8)),
                List.of("gpt-4o", "claude-sonnet"), Map.of("cost-centre", "42", "région", "münchen"));

        Tenant created = tenants.create(spec);

        assertThat(created.id()).matches("ten_[0-9A-Za-z]{20}");
        assertThat(tenants.get(created.id())).contains(created);
        assertThat(tenants.findByName(spec.name())).contains(created);
        assertThat(created.spec()).isEqualTo(spec);
    }

    @AllDialects
    void aSecondTenantWithTheSameNameIsAConflict(SqlDialect dialect) {
        TenantRepository tenants = Fixtures.store(dialect).tenants();
        String name = unique("twin");
        tenants.create(Fixtures.tenant(name));

        assertThatThrownBy(() -> tenants.create(Fixtures.tenant(name)))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("a tenant named '" + name + "' already exists");
    }

    @AllDialects
    void anUpdateReplacesTheChangeableFieldsAndKeepsTheCreationTime(SqlDialect dialect) {
        Database db = SharedDatabases.get(dialect);
        Instant createdAt = Instant.parse("2030-01-01T10:00:00.123Z");
        Instant updatedAt = Instant.parse("2030-01-02T11:00:00.456Z");
        Tenant created = new TenantRepository(db, Clock.fixed(createdAt, ZoneOffset.UTC))
                .create(Fixtures.tenant(unique("before")));
        Tenant.Spec changed = new Tenant.Spec(unique("after"), 0.25,
                new RateLimits(OptionalLong.empty(), OptionalLong.of(1_000), OptionalInt.empty()), List.of("m"),
                Map.of("k", "v"));

        Tenant updated = new TenantRepository(db, Clock.fixed(updatedAt, ZoneOffset.UTC)).update(created.id(), changed)
                .orElseThrow();

        assertThat(updated.spec()).isEqualTo(changed);
        assertThat(updated.createdAt()).isEqualTo(createdAt);
        assertThat(updated.updatedAt()).isEqualTo(updatedAt);
    }

    @AllDialects
    void updatingAMissingTenantFindsNothing(SqlDialect dialect) {
        TenantRepository tenants = Fixtures.store(dialect).tenants();

        assertThat(tenants.update(Ids.newId(Ids.TENANT), Fixtures.tenant(unique("ghost")))).isEmpty();
    }

    @AllDialects
    void aTenantWithTeamsCannotBeDeleted(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("parent")));
        store.teams().create(tenant.id(), Fixtures.team("child"));

        assertThatThrownBy(() -> store.tenants().delete(tenant.id()))
                .isInstanceOf(StoreConflict.class)
                .hasMessageContaining("still has 1 team(s) and 0 user(s)");
        assertThat(store.tenants().get(tenant.id())).isPresent();
    }

    @AllDialects
    void deletingAnEmptyTenantRemovesItAndItsBudgets(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("leaving")));
        Budget budget = store.budgets().create(BudgetScope.TENANT, tenant.id(),
                new Budget.Spec(5_000_000_000L, BudgetPeriod.MONTHLY, ZoneId.of("UTC")));

        assertThat(store.tenants().delete(tenant.id())).isTrue();

        assertThat(store.tenants().get(tenant.id())).isEmpty();
        assertThat(store.budgets().get(budget.id())).isEmpty();
        assertThat(store.tenants().delete(tenant.id())).isFalse();
    }

    @AllDialects
    void theDefaultTenantCannotBeDeleted(SqlDialect dialect) {
        TenantRepository tenants = Fixtures.store(dialect).tenants();

        assertThatThrownBy(() -> tenants.delete(Tenant.DEFAULT_ID)).isInstanceOf(StoreConflict.class);
        assertThat(tenants.get(Tenant.DEFAULT_ID)).isPresent();
    }
}
