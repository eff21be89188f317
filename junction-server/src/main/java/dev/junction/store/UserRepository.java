package dev.junction.store;

import dev.junction.entity.BudgetScope;
import dev.junction.entity.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Users in the database. Blocking and thread safe: run it on a database thread ({@link Database#call}). Every write
 * increments the {@link StoreRevision}; rule violations throw {@link StoreConflict}.
 */
public final class UserRepository {

    private static final String SELECT = "SELECT id, tenant_id, team_id, name, email, rpm, tpm, max_concurrent, "
            + "allowed_models, metadata, enabled, created_at, updated_at, disabled_capabilities FROM users";

    private final Database database;
    private final Clock clock;

    /** Users of this database, timestamped by this clock. */
    public UserRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Creates a user with a new id in a tenant.
     *
     * @throws StoreConflict when the tenant does not exist, the team is not one of the tenant's, or the tenant
     *     already has a user of that name
     */
    public User create(String tenantId, User.Spec spec) {
        Instant now = Columns.now(clock);
        User user = new User(Ids.newId(Ids.USER), tenantId, spec.teamId(), spec.name(), spec.email(), spec.limits(),
                spec.allowedModels(), spec.metadata(), spec.enabled(), now, now, spec.disabledCapabilities());
        return ConfigWrite.run(database, handle -> {
            if (!ConfigWrite.exists(handle, "tenants", tenantId)) {
                throw new StoreConflict("there is no tenant " + tenantId);
            }
            checkTeam(handle, tenantId, spec);
            bind(handle.createUpdate("INSERT INTO users (id, tenant_id, team_id, name, email, rpm, tpm, "
                    + "max_concurrent, allowed_models, metadata, enabled, created_at, updated_at, disabled_capabilities) "
                    + "VALUES (:id, :tenantId, :teamId, :name, :email, :rpm, :tpm, :maxConcurrent, :allowedModels, "
                    + ":metadata, :enabled, :createdAt, :updatedAt, :disabledCapabilities)"), spec)
                    .bind("id", user.id())
                    .bind("tenantId", tenantId)
                    .bind("createdAt", Columns.millis(now))
                    .bind("updatedAt", Columns.millis(now))
                    .execute();
            return user;
        }, created -> true, violation -> violation == Constraints.Violation.UNIQUE
                ? nameTaken(spec.name(), tenantId) : "the tenant or team of user '" + spec.name() + "' does not exist");
    }

    /** The user with this id. */
    public Optional<User> get(String id) {
        return database.jdbi().withHandle(handle -> get(handle, id));
    }

    /** Every user, by tenant and name. */
    public List<User> list() {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " ORDER BY tenant_id, name")
                .map((rs, ctx) -> read(rs)).list());
    }

    /** The users of one tenant, by name. */
    public List<User> listByTenant(String tenantId) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT
                + " WHERE tenant_id = :tenantId ORDER BY name").bind("tenantId", tenantId)
                .map((rs, ctx) -> read(rs)).list());
    }

    /**
     * Replaces the user's changeable fields (its team among them); empty when there is no such user.
     *
     * @throws StoreConflict when the team is not one of the user's tenant, or the name is taken in the tenant
     */
    public Optional<User> update(String id, User.Spec spec) {
        Instant now = Columns.now(clock);
        return ConfigWrite.run(database, handle -> {
            Optional<User> current = get(handle, id);
            if (current.isEmpty()) {
                return current;
            }
            String tenantId = current.get().tenantId();
            checkTeam(handle, tenantId, spec);
            long sameName = handle.createQuery("SELECT COUNT(*) FROM users WHERE tenant_id = :tenantId "
                    + "AND name = :name AND id <> :id").bind("tenantId", tenantId).bind("name", spec.name())
                    .bind("id", id).mapTo(Long.class).one();
            if (sameName > 0) {
                throw new StoreConflict(nameTaken(spec.name(), tenantId));
            }
            bind(handle.createUpdate("UPDATE users SET team_id = :teamId, name = :name, email = :email, rpm = :rpm, "
                    + "tpm = :tpm, max_concurrent = :maxConcurrent, allowed_models = :allowedModels, "
                    + "metadata = :metadata, enabled = :enabled, disabled_capabilities = :disabledCapabilities, "
                    + "updated_at = :updatedAt WHERE id = :id"), spec)
                    .bind("id", id)
                    .bind("updatedAt", Columns.millis(now))
                    .execute();
            return get(handle, id);
        }, Optional::isPresent, violation -> "user '" + spec.name() + "' conflicts with another user or team");
    }

    /**
     * Deletes a user that has no virtual keys left, with its budgets.
     *
     * @return whether it existed
     * @throws StoreConflict when it still has keys
     */
    public boolean delete(String id) {
        return ConfigWrite.run(database, handle -> {
            long keys = ConfigWrite.count(handle, "virtual_keys", "user_id", id);
            if (keys > 0) {
                throw new StoreConflict("user " + id + " still has " + keys + " virtual key(s); delete them first");
            }
            BudgetRepository.deleteAllOf(handle, BudgetScope.USER, id);
            return handle.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute() > 0;
        }, deleted -> deleted, violation -> "user " + id + " still has virtual keys");
    }

    private static void checkTeam(Handle handle, String tenantId, User.Spec spec) {
        if (spec.teamId().isEmpty()) {
            return;
        }
        String teamId = spec.teamId().get();
        Optional<String> teamTenant = handle.createQuery("SELECT tenant_id FROM teams WHERE id = :id")
                .bind("id", teamId).mapTo(String.class).findOne();
        if (teamTenant.isEmpty()) {
            throw new StoreConflict("there is no team " + teamId);
        }
        if (!teamTenant.get().equals(tenantId)) {
            throw new StoreConflict("team " + teamId + " is not in tenant " + tenantId);
        }
    }

    private static Optional<User> get(Handle handle, String id) {
        return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id).map((rs, ctx) -> read(rs)).findOne();
    }

    private static Update bind(Update update, User.Spec spec) {
        return Columns.bindLimits(update, spec.limits())
                .bind("teamId", spec.teamId().orElse(null))
                .bind("name", spec.name())
                .bind("email", spec.email().orElse(null))
                .bind("allowedModels", Columns.jsonOrNull(spec.allowedModels()))
                .bind("metadata", Columns.json(spec.metadata()))
                .bind("enabled", spec.enabled())
                .bind("disabledCapabilities", Columns.operations(spec.disabledCapabilities()));
    }

    private static String nameTaken(String name, String tenantId) {
        return "a user named '" + name + "' already exists in tenant " + tenantId;
    }

    private static User read(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("tenant_id"), Columns.optionalString(rs, "team_id"),
                rs.getString("name"), Columns.optionalString(rs, "email"), Columns.limits(rs),
                Columns.list(rs, "allowed_models"), Columns.map(rs, "metadata"), rs.getBoolean("enabled"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"),
                Columns.operations(rs, "disabled_capabilities"));
    }
}
