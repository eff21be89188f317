package dev.junction.store;

import static dev.junction.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.entity.Team;
import dev.junction.entity.Tenant;
import dev.junction.entity.User;
import dev.junction.limit.RateLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDatabases.class)
class UserRepositoryTest {

    @AllDialects
    void aUserReadsBackWithTeamEmailAndLimits(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("t")));
        Team team = store.teams().create(tenant.id(), Fixtures.team("core"));
        User.Spec spec = new User.Spec(Optional.of(team.id()), "grace", Optional.of("grace@example.com"),
                new RateLimits(OptionalLong.empty(), OptionalLong.empty(), OptionalInt.of(3)), List.of("gpt-4o"),
                Map.of("role", "admin"), true);

        User user = store.users().create(tenant.id(), spec);

        assertThat(store.users().get(user.id())).contains(user);
        assertThat(user.spec()).isEqualTo(spec);
        assertThat(store.users().listByTenant(tenant.id())).containsExactly(user);
    }

    @AllDialects
    void aUserCannotJoinATeamOfAnotherTenant(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant home = store.tenants().create(Fixtures.tenant(unique("home")));
        Tenant away = store.tenants().create(Fixtures.tenant(unique("away")));
        Team foreign = store.teams().create(away.id(), Fixtures.team("foreign"));

        assertThatThrownBy(() -> store.users().create(home.id(), new User.Spec(Optional.of(foreign.id()), "x",
                Optional.empty(), RateLimits.NONE, List.of(), Map.of(), true)))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("team " + foreign.id() + " is not in tenant " + home.id());
    }

    @AllDialects
    void aUserInATeamThatDoesNotExistIsAConflict(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("t")));
        String missing = Ids.newId(Ids.TEAM);

        assertThatThrownBy(() -> store.users().create(tenant.id(), new User.Spec(Optional.of(missing), "x",
                Optional.empty(), RateLimits.NONE, List.of(), Map.of(), true)))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("there is no team " + missing);
    }

    @AllDialects
    void aSecondUserOfTheSameNameInATenantIsAConflict(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("t")));
        store.users().create(tenant.id(), Fixtures.user("sam"));

        assertThatThrownBy(() -> store.users().create(tenant.id(), Fixtures.user("sam")))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("a user named 'sam' already exists in tenant " + tenant.id());
    }

    @AllDialects
    void anUpdateMovesAUserToAnotherTeam(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("t")));
        Team from = store.teams().create(tenant.id(), Fixtures.team("from"));
        Team to = store.teams().create(tenant.id(), Fixtures.team("to"));
        User user = store.users().create(tenant.id(), new User.Spec(Optional.of(from.id()), "mover",
                Optional.empty(), RateLimits.NONE, List.of(), Map.of(), true));

        User moved = store.users().update(user.id(), new User.Spec(Optional.of(to.id()), "mover",
                Optional.of("m@example.com"), RateLimits.NONE, List.of(), Map.of(), true)).orElseThrow();

        assertThat(moved.teamId()).contains(to.id());
        assertThat(moved.email()).contains("m@example.com");
        assertThat(moved.tenantId()).isEqualTo(tenant.id());
    }

    @AllDialects
    void aUserWithKeysCannotBeDeletedUntilTheKeysAreGone(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        User user = Fixtures.newUser(store);
        var key = store.keys().create(user.id(), "jk-AbCd…wXyZ", Fixtures.keyHash(), Fixtures.key("laptop"));

        assertThatThrownBy(() -> store.users().delete(user.id()))
                .isInstanceOf(StoreConflict.class)
                .hasMessageContaining("still has 1 virtual key(s)");

        store.keys().delete(key.id());
        assertThat(store.users().delete(user.id())).isTrue();
        assertThat(store.users().get(user.id())).isEmpty();
    }
}
