package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.budget.BudgetPeriod;
import dev.junction.entity.Budget;
import dev.junction.entity.BudgetScope;
import dev.junction.entity.User;
import java.time.ZoneId;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDatabases.class)
class BudgetRepositoryTest {

    @AllDialects
    void aBudgetReadsBackWithItsPeriodAndTimeZone(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        User user = Fixtures.newUser(store);
        Budget.Spec spec = new Budget.Spec(25_000_000_000L, BudgetPeriod.WEEKLY, ZoneId.of("America/New_York"));

        Budget budget = store.budgets().create(BudgetScope.USER, user.id(), spec);

        assertThat(budget.id()).startsWith("bud_");
        assertThat(store.budgets().get(budget.id())).contains(budget);
        assertThat(store.budgets().listFor(BudgetScope.USER, user.id())).containsExactly(budget);
    }

    @AllDialects
    void aSubjectHasOneBudgetPerPeriod(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        User user = Fixtures.newUser(store);
        store.budgets().create(BudgetScope.USER, user.id(), new Budget.Spec(1, BudgetPeriod.DAILY, ZoneId.of("UTC")));

        assertThatThrownBy(() -> store.budgets().create(BudgetScope.USER, user.id(),
                new Budget.Spec(2, BudgetPeriod.DAILY, ZoneId.of("Europe/Paris"))))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("user " + user.id() + " already has a daily budget");
        assertThat(store.budgets().create(BudgetScope.USER, user.id(),
                new Budget.Spec(3, BudgetPeriod.TOTAL, ZoneId.of("UTC"))).period()).isEqualTo(BudgetPeriod.TOTAL);
    }

    @AllDialects
    void aBudgetForASubjectThatDoesNotExistIsAConflict(SqlDialect dialect) {
        BudgetRepository budgets = Fixtures.store(dialect).budgets();
        String missing = Ids.newId(Ids.TEAM);

        assertThatThrownBy(() -> budgets.create(BudgetScope.TEAM, missing,
                new Budget.Spec(1, BudgetPeriod.MONTHLY, ZoneId.of("UTC"))))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("there is no team " + missing);
    }

    @AllDialects
    void anUpdateChangesTheAmountPeriodAndTimeZone(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        User user = Fixtures.newUser(store);
        Budget budget = store.budgets().create(BudgetScope.USER, user.id(),
                new Budget.Spec(1, BudgetPeriod.DAILY, ZoneId.of("UTC")));
        Budget.Spec changed = new Budget.Spec(9_999, BudgetPeriod.MONTHLY, ZoneId.of("Asia/Tokyo"));

        assertThat(store.budgets().update(budget.id(), changed).orElseThrow().spec()).isEqualTo(changed);
        assertThat(store.budgets().update(Ids.newId(Ids.BUDGET), changed)).isEmpty();
    }

    @AllDialects
    void aDeletedBudgetIsGone(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        User user = Fixtures.newUser(store);
        Budget budget = store.budgets().create(BudgetScope.USER, user.id(),
                new Budget.Spec(1, BudgetPeriod.DAILY, ZoneId.of("UTC")));

        assertThat(store.budgets().delete(budget.id())).isTrue();
        assertThat(store.budgets().get(budget.id())).isEmpty();
        assertThat(store.budgets().delete(budget.id())).isFalse();
    }
}
