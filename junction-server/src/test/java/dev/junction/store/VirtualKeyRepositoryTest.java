package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.budget.BudgetPeriod;
import dev.junction.entity.Budget;
import dev.junction.entity.BudgetScope;
import dev.junction.entity.User;
import dev.junction.entity.VirtualKey;
import dev.junction.limit.RateLimits;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDatabases.class)
class VirtualKeyRepositoryTest {

    private static final VirtualKey.Spec FULL = new VirtualKey.Spec("ci-runner", List.of("gpt-4o", "o3"),
            List.of("10.0.0.0/8", "2001:db8::/32"), List.of("ci", "prod"), Map.of("owner", "build"),
            new RateLimits(OptionalLong.of(100), OptionalLong.of(50_000), OptionalInt.of(4)),
            Optional.of(Instant.parse("2031-06-30T23:59:59.999Z")), false, true);

    @AllDialects
    void aKeyReadsBackWithEveryField(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        User user = Fixtures.newUser(store);
        String hash = Fixtures.keyHash();

        VirtualKey key = store.keys().create(user.id(), "jk-AbCd…wXyZ", hash, FULL);

        assertThat(store.keys().get(key.id())).contains(key);
        assertThat(key.spec()).isEqualTo(FULL);
        assertThat(key.keyHash()).isEqualTo(hash);
        assertThat(key.displayPrefix()).isEqualTo("jk-AbCd…wXyZ");
        assertThat(store.keys().listByUser(user.id())).containsExactly(key);
    }

    @AllDialects
    void aKeyIsFoundByTheHashOfTheKey(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        User user = Fixtures.newUser(store);
        String hash = Fixtures.keyHash();
        VirtualKey key = store.keys().create(user.id(), "jk-1", hash, Fixtures.key("k"));

        assertThat(store.keys().findByHash(hash)).contains(key);
        assertThat(store.keys().findByHash(Fixtures.keyHash())).isEmpty();
    }

    @AllDialects
    void twoKeysWithTheSameHashAreAConflict(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        User user = Fixtures.newUser(store);
        String hash = Fixtures.keyHash();
        store.keys().create(user.id(), "jk-1", hash, Fixtures.key("first"));

        assertThatThrownBy(() -> store.keys().create(user.id(), "jk-2", hash, Fixtures.key("second")))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("a virtual key with the same hash already exists");
    }

    @AllDialects
    void aKeyForAUserThatDoesNotExistIsAConflict(SqlDialect dialect) {
        VirtualKeyRepository keys = Fixtures.store(dialect).keys();
        String missing = Ids.newId(Ids.USER);

        assertThatThrownBy(() -> keys.create(missing, "jk-1", Fixtures.keyHash(), Fixtures.key("k")))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("there is no user " + missing);
    }

    @AllDialects
    void anUpdateReplacesTheSettingsButNotTheOwnerOrHash(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        User user = Fixtures.newUser(store);
        VirtualKey key = store.keys().create(user.id(), "jk-1", Fixtures.keyHash(), Fixtures.key("old"));

        VirtualKey updated = store.keys().update(key.id(), FULL).orElseThrow();

        assertThat(updated.spec()).isEqualTo(FULL);
        assertThat(updated.userId()).isEqualTo(key.userId());
        assertThat(updated.keyHash()).isEqualTo(key.keyHash());
        assertThat(updated.createdAt()).isEqualTo(key.createdAt());
    }

    @AllDialects
    void deletingAKeyDeletesItsBudgets(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        User user = Fixtures.newUser(store);
        VirtualKey key = store.keys().create(user.id(), "jk-1", Fixtures.keyHash(), Fixtures.key("k"));
        Budget budget = store.budgets().create(BudgetScope.KEY, key.id(),
                new Budget.Spec(1_000, BudgetPeriod.DAILY, ZoneId.of("UTC")));

        assertThat(store.keys().delete(key.id())).isTrue();

        assertThat(store.keys().get(key.id())).isEmpty();
        assertThat(store.budgets().get(budget.id())).isEmpty();
    }
}
