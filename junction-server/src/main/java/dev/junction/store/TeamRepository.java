package dev.junction.store;

import dev.junction.entity.BudgetScope;
import dev.junction.entity.Team;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Teams in the database. Blocking and thread safe: run it on a database thread ({@link Database#call}). Every write
 * increments the {@link StoreRevision}; rule violations throw {@link StoreConflict}.
 */
public final class TeamRepository {

    private static final String SELECT = "SELECT id, tenant_id, name, markup, rpm, tpm, max_concurrent, "
            + "allowed_models, metadata, enabled, created_at, updated_at, disabled_capabilities FROM teams";

    private final Database database;
    private final Clock clock;

    /** Teams of this database, timestamped by this clock. */
    public TeamRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Creates a team with a new id in a tenant.
     *
     * @throws StoreConflict when the tenant does not exist or already has a team of that name
     */
    public Team create(String tenantId, Team.Spec spec) {
        Instant now = Columns.now(clock);
        Team team = new Team(Ids.newId(Ids.TEAM), tenantId, spec.name(), spec.markup(), spec.limits(),
                spec.allowedModels(), spec.metadata(), spec.enabled(), now, now, spec.disabledCapabilities());
        return ConfigWrite.run(database, handle -> {
            if (!ConfigWrite.exists(handle, "tenants", tenantId)) {
                throw new StoreConflict("there is no tenant " + tenantId);
            }
            bind(handle.createUpdate("INSERT INTO teams (id, tenant_id, name, markup, rpm, tpm, max_concurrent, "
                    + "allowed_models, metadata, enabled, created_at, updated_at, disabled_capabilities) VALUES (:id, "
                    + ":tenantId, :name, :markup, :rpm, :tpm, :maxConcurrent, :allowedModels, :metadata, :enabled, "
                    + ":createdAt, :updatedAt, :disabledCapabilities)"), spec)
                    .bind("id", team.id())
                    .bind("tenantId", tenantId)
                    .bind("createdAt", Columns.millis(now))
                    .bind("updatedAt", Columns.millis(now))
                    .execute();
            return team;
        }, created -> true, violation -> violation == Constraints.Violation.UNIQUE
                ? nameTaken(spec.name(), tenantId) : "there is no tenant " + tenantId);
    }

    /** The team with this id. */
    public Optional<Team> get(String id) {
        return database.jdbi().withHandle(handle -> get(handle, id));
    }

    /** Every team, by tenant and name. */
    public List<Team> list() {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " ORDER BY tenant_id, name")
                .map((rs, ctx) -> read(rs)).list());
    }

    /** The teams of one tenant, by name. */
    public List<Team> listByTenant(String tenantId) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT
                + " WHERE tenant_id = :tenantId ORDER BY name").bind("tenantId", tenantId)
                .map((rs, ctx) -> read(rs)).list());
    }

    /**
     * Replaces the team's changeable fields; empty when there is no such team.
     *
     * @throws StoreConflict when its tenant already has another team of the new name
     */
    public Optional<Team> update(String id, Team.Spec spec) {
        Instant now = Columns.now(clock);
        return ConfigWrite.run(database, handle -> {
            Optional<Team> current = get(handle, id);
            if (current.isEmpty()) {
                return current;
            }
            String tenantId = current.get().tenantId();
            long sameName = handle.createQuery("SELECT COUNT(*) FROM teams WHERE tenant_id = :tenantId "
                    + "AND name = :name AND id <> :id").bind("tenantId", tenantId).bind("name", spec.name())
                    .bind("id", id).mapTo(Long.class).one();
            if (sameName > 0) {
                throw new StoreConflict(nameTaken(spec.name(), tenantId));
            }
            bind(handle.createUpdate("UPDATE teams SET name = :name, markup = :markup, rpm = :rpm, tpm = :tpm, "
                    + "max_concurrent = :maxConcurrent, allowed_models = :allowedModels, metadata = :metadata, "
                    + "enabled = :enabled, disabled_capabilities = :disabledCapabilities, updated_at = :updatedAt "
                    + "WHERE id = :id"), spec)
                    .bind("id", id)
                    .bind("updatedAt", Columns.millis(now))
                    .execute();
            return get(handle, id);
        }, Optional::isPresent, violation -> "a team named '" + spec.name() + "' already exists in its tenant");
    }

    /**
     * Deletes a team that has no users left, with its budgets.
     *
     * @return whether it existed
     * @throws StoreConflict when users are still in it
     */
    public boolean delete(String id) {
        return ConfigWrite.run(database, handle -> {
            long users = ConfigWrite.count(handle, "users", "team_id", id);
            if (users > 0) {
                throw new StoreConflict("team " + id + " still has " + users + " user(s); move or delete them first");
            }
            BudgetRepository.deleteAllOf(handle, BudgetScope.TEAM, id);
            return handle.createUpdate("DELETE FROM teams WHERE id = :id").bind("id", id).execute() > 0;
        }, deleted -> deleted, violation -> "team " + id + " still has users");
    }

    private static Optional<Team> get(Handle handle, String id) {
        return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id).map((rs, ctx) -> read(rs)).findOne();
    }

    private static Update bind(Update update, Team.Spec spec) {
        return Columns.bindLimits(update, spec.limits())
                .bind("name", spec.name())
                .bind("markup", Columns.nullable(spec.markup()))
                .bind("allowedModels", Columns.jsonOrNull(spec.allowedModels()))
                .bind("metadata", Columns.json(spec.metadata()))
                .bind("enabled", spec.enabled())
                .bind("disabledCapabilities", Columns.operations(spec.disabledCapabilities()));
    }

    private static String nameTaken(String name, String tenantId) {
        return "a team named '" + name + "' already exists in tenant " + tenantId;
    }

    private static Team read(ResultSet rs) throws SQLException {
        OptionalDouble markup = Columns.optionalDouble(rs, "markup");
        return new Team(rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"), markup,
                Columns.limits(rs), Columns.list(rs, "allowed_models"), Columns.map(rs, "metadata"),
                rs.getBoolean("enabled"), Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"),
                Columns.operations(rs, "disabled_capabilities"));
    }
}
