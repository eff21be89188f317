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
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDatabases.class)
class TeamRepositoryTest {

    @AllDialects
    void aTeamReadsBackWithItsOwnMarkupAndLimits(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("t")));
        Team.Spec spec = new Team.Spec("research", OptionalDouble.of(0.15),
                new RateLimits(OptionalLong.of(60), OptionalLong.empty(), OptionalInt.of(2)), List.of("o3"),
                Map.of("lead", "ada"), true);

        Team team = store.teams().create(tenant.id(), spec);

        assertThat(store.teams().get(team.id())).contains(team);
        assertThat(team.tenantId()).isEqualTo(tenant.id());
        assertThat(store.teams().listByTenant(tenant.id())).containsExactly(team);
    }

    @AllDialects
    void aTeamWithoutMarkupReadsBackWithout(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("t")));

        Team team = store.teams().create(tenant.id(), Fixtures.team("plain"));

        assertThat(store.teams().get(team.id()).orElseThrow().markup()).isEmpty();
    }

    @AllDialects
    void aTeamInATenantThatDoesNotExistIsAConflict(SqlDialect dialect) {
        TeamRepository teams = Fixtures.store(dialect).teams();
        String missing = Ids.newId(Ids.TENANT);

        assertThatThrownBy(() -> teams.create(missing, Fixtures.team("orphan")))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("there is no tenant " + missing);
    }

    @AllDialects
    void aSecondTeamOfTheSameNameInATenantIsAConflict(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("t")));
        store.teams().create(tenant.id(), Fixtures.team("x"));

        assertThatThrownBy(() -> store.teams().create(tenant.id(), Fixtures.team("x")))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("a team named 'x' already exists in tenant " + tenant.id());
    }

    @AllDialects
    void namesMayRepeatAcrossTenants(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant first = store.tenants().create(Fixtures.tenant(unique("t")));
        Tenant second = store.tenants().create(Fixtures.tenant(unique("t")));
        store.teams().create(first.id(), Fixtures.team("platform"));

        assertThat(store.teams().create(second.id(), Fixtures.team("platform")).name()).isEqualTo("platform");
    }

    @AllDialects
    void namesDifferingOnlyInCaseAreDifferentTeams(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("t")));
        store.teams().create(tenant.id(), Fixtures.team("Ops"));

        assertThat(store.teams().create(tenant.id(), Fixtures.team("ops")).name()).isEqualTo("ops");
    }

    @AllDialects
    void renamingATeamToATakenNameIsAConflict(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("t")));
        store.teams().create(tenant.id(), Fixtures.team("taken"));
        Team other = store.teams().create(tenant.id(), Fixtures.team("other"));

        assertThatThrownBy(() -> store.teams().update(other.id(), Fixtures.team("taken")))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("a team named 'taken' already exists in tenant " + tenant.id());
    }

    @AllDialects
    void aTeamWithUsersCannotBeDeletedUntilTheyLeave(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Tenant tenant = store.tenants().create(Fixtures.tenant(unique("t")));
        Team team = store.teams().create(tenant.id(), Fixtures.team("busy"));
        User member = store.users().create(tenant.id(), new User.Spec(Optional.of(team.id()), "member",
                Optional.empty(), RateLimits.NONE, List.of(), Map.of(), true));

        assertThatThrownBy(() -> store.teams().delete(team.id()))
                .isInstanceOf(StoreConflict.class)
                .hasMessageContaining("still has 1 user(s)");

        store.users().update(member.id(), Fixtures.user("member"));
        assertThat(store.teams().delete(team.id())).isTrue();
        assertThat(store.teams().get(team.id())).isEmpty();
    }
}
