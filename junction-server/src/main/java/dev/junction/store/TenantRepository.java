package dev.junction.store;

import dev.junction.entity.BudgetScope;
import dev.junction.entity.CapturePolicy;
import dev.junction.entity.Tenant;
import dev.junction.entity.TenantSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Tenants in the database. Blocking and thread safe: run it on a database thread ({@link Database#call}). Every
 * write increments the {@link StoreRevision}; rule violations throw {@link StoreConflict}.
 */
public final class TenantRepository {

    private static final String SELECT = "SELECT id, name, markup, rpm, tpm, max_concurrent, allowed_models, "
            + "metadata, created_at, updated_at, disabled_capabilities, allowed_providers, routing_strategy, "
            + "capture_policy, retention_days FROM tenants";

    private final Database database;
    private final Clock clock;

    /** Tenants of this database, timestamped by this clock. */
    public TenantRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Creates a tenant with a new id. */
    public Tenant create(Tenant.Spec spec) {
        Instant now = Columns.now(clock);
        Tenant tenant = new Tenant(Ids.newId(Ids.TENANT), spec.name(), spec.markup(), spec.limits(),
                spec.allowedModels(), spec.metadata(), now, now, spec.disabledCapabilities());
        return ConfigWrite.run(database, handle -> {
            bind(handle.createUpdate("INSERT INTO tenants (id, name, markup, rpm, tpm, max_concurrent, "
                    + "allowed_models, metadata, created_at, updated_at, disabled_capabilities) VALUES (:id, :name, "
                    + ":markup, :rpm, :tpm, :maxConcurrent, :allowedModels, :metadata, :createdAt, :updatedAt, "
                    + ":disabledCapabilities)"), spec)
                    .bind("id", tenant.id())
                    .bind("createdAt", Columns.millis(now))
                    .bind("updatedAt", Columns.millis(now))
                    .execute();
            return tenant;
        }, created -> true, violation -> nameTaken(spec.name()));
    }

    /** The tenant with this id. */
    public Optional<Tenant> get(String id) {
        return database.jdbi().withHandle(handle -> get(handle, id));
    }

    /** The tenant with this name. */
    public Optional<Tenant> findByName(String name) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> read(rs)).findOne());
    }

    /** Every tenant, by name. */
    public List<Tenant> list() {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " ORDER BY name")
                .map((rs, ctx) -> read(rs)).list());
    }

    /** Replaces the tenant's changeable fields; empty when there is no such tenant. */
    public Optional<Tenant> update(String id, Tenant.Spec spec) {
        Instant now = Columns.now(clock);
        return ConfigWrite.run(database, handle -> {
            int rows = bind(handle.createUpdate("UPDATE tenants SET name = :name, markup = :markup, rpm = :rpm, "
                    + "tpm = :tpm, max_concurrent = :maxConcurrent, allowed_models = :allowedModels, "
                    + "metadata = :metadata, disabled_capabilities = :disabledCapabilities, "
                    + "updated_at = :updatedAt WHERE id = :id"), spec)
                    .bind("id", id)
                    .bind("updatedAt", Columns.millis(now))
                    .execute();
            return rows == 0 ? Optional.<Tenant>empty() : get(handle, id);
        }, Optional::isPresent, violation -> nameTaken(spec.name()));
    }

    /**
     * Replaces the tenant's changeable fields and its settings in one statement; empty when there is no such tenant.
     */
    public Optional<Tenant> configure(String id, Tenant.Spec spec, TenantSettings settings) {
        Instant now = Columns.now(clock);
        return ConfigWrite.run(database, handle -> {
            int rows = bind(handle.createUpdate("UPDATE tenants SET name = :name, markup = :markup, rpm = :rpm, "
                    + "tpm = :tpm, max_concurrent = :maxConcurrent, allowed_models = :allowedModels, "
                    + "metadata = :metadata, disabled_capabilities = :disabledCapabilities, "
                    + "allowed_providers = :allowedProviders, routing_strategy = :routingStrategy, "
                    + "capture_policy = :capturePolicy, retention_days = :retentionDays, updated_at = :updatedAt "
                    + "WHERE id = :id"), spec)
                    .bind("allowedProviders", Columns.jsonOrNull(settings.allowedProviders()))
                    .bind("routingStrategy", settings.routingStrategy().orElse(null))
                    .bind("capturePolicy", settings.capture().map(CapturePolicy::wireName).orElse(null))
                    .bind("retentionDays", settings.retentionDays().isPresent()
                            ? Integer.valueOf(settings.retentionDays().getAsInt()) : null)
                    .bind("id", id)
                    .bind("updatedAt", Columns.millis(now))
                    .execute();
            return rows == 0 ? Optional.<Tenant>empty() : get(handle, id);
        }, Optional::isPresent, violation -> nameTaken(spec.name()));
    }

    /**
     * Deletes a tenant that has no teams and no users left, with its budgets.
     *
     * @return whether it existed
     * @throws StoreConflict when it still has teams or users, or is the default tenant
     */
    public boolean delete(String id) {
        if (id.equals(Tenant.DEFAULT_ID)) {
            throw new StoreConflict("the default tenant cannot be deleted");
        }
        return ConfigWrite.run(database, handle -> {
            long teams = ConfigWrite.count(handle, "teams", "tenant_id", id);
            long users = ConfigWrite.count(handle, "users", "tenant_id", id);
            if (teams > 0 || users > 0) {
                throw new StoreConflict("tenant " + id + " still has " + teams + " team(s) and " + users
                        + " user(s); delete them first");
            }
            BudgetRepository.deleteAllOf(handle, BudgetScope.TENANT, id);
            return handle.createUpdate("DELETE FROM tenants WHERE id = :id").bind("id", id).execute() > 0;
        }, deleted -> deleted, violation -> "tenant " + id + " still has teams or users");
    }

    private static Optional<Tenant> get(Handle handle, String id) {
        return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id).map((rs, ctx) -> read(rs)).findOne();
    }

    private static Update bind(Update update, Tenant.Spec spec) {
        return Columns.bindLimits(update, spec.limits())
                .bind("name", spec.name())
                .bind("markup", spec.markup())
                .bind("allowedModels", Columns.jsonOrNull(spec.allowedModels()))
                .bind("metadata", Columns.json(spec.metadata()))
                .bind("disabledCapabilities", Columns.operations(spec.disabledCapabilities()));
    }

    private static String nameTaken(String name) {
        return "a tenant named '" + name + "' already exists";
    }

    private static Tenant read(ResultSet rs) throws SQLException {
        return new Tenant(rs.getString("id"), rs.getString("name"), rs.getDouble("markup"), Columns.limits(rs),
                Columns.list(rs, "allowed_models"), Columns.map(rs, "metadata"), Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"), Columns.operations(rs, "disabled_capabilities"), settings(rs));
    }

    /** A stored policy this build does not know (a newer gateway's) captures nothing rather than everything. */
    private static TenantSettings settings(ResultSet rs) throws SQLException {
        int days = rs.getInt("retention_days");
        OptionalInt retention = rs.wasNull() || days < 1 || days > TenantSettings.MAX_RETENTION_DAYS
                ? OptionalInt.empty() : OptionalInt.of(days);
        Optional<CapturePolicy> capture = Columns.optionalString(rs, "capture_policy")
                .map(p -> CapturePolicy.ofWireName(p).orElse(CapturePolicy.OFF));
        return new TenantSettings(Columns.list(rs, "allowed_providers"), Columns.optionalString(rs,
                "routing_strategy"), capture, retention);
    }
}
