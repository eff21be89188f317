package dev.junction.store;

import dev.junction.entity.BudgetScope;
import dev.junction.entity.VirtualKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Virtual keys in the database, found by id or by the hash of the key. Blocking and thread safe: run it on a
 * database thread ({@link Database#call}). Every write increments the {@link StoreRevision}; rule violations throw
 * {@link StoreConflict}.
 */
public final class VirtualKeyRepository {

    private static final String SELECT = "SELECT id, user_id, name, display_prefix, key_hash, allowed_models, "
            + "ip_allow, tags, metadata, rpm, tpm, max_concurrent, expires_at, enabled, capture_bodies, created_at, "
            + "updated_at, revoked_at, disabled_capabilities, owner_principal_id FROM virtual_keys";

    private final Database database;
    private final Clock clock;

    /** Keys of this database, timestamped by this clock. */
    public VirtualKeyRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Stores a key whose hash was made under no known secret key id (stored as unknown); see the other overload. */
    public VirtualKey create(String userId, String displayPrefix, String keyHash, VirtualKey.Spec spec) {
        return create(userId, displayPrefix, keyHash, null, spec);
    }

    /**
     * Stores a new key with a new id for a user, issued by no principal (an admin key or the CLI).
     *
     * @param displayPrefix what the admin sees of the key, e.g. {@code jk-AbCd…wXyZ}
     * @param keyHash the key's hash, hex
     * @param hashKeyId the id of the secret key the hash was made under
     * @throws StoreConflict when the user does not exist or a key with the same hash does
     */
    public VirtualKey create(String userId, String displayPrefix, String keyHash, String hashKeyId,
                             VirtualKey.Spec spec) {
        return create(userId, displayPrefix, keyHash, hashKeyId, spec, Optional.empty());
    }

    /**
     * Stores a new key with a new id for a user. The caller made the key, showed it once and hashed it.
     *
     * @param displayPrefix what the admin sees of the key, e.g. {@code jk-AbCd…wXyZ}
     * @param keyHash the key's hash, hex
     * @param hashKeyId the id of the secret key the hash was made under
     * @param ownerPrincipalId the console user or service account that issues it; empty for an admin key or the CLI
     * @throws StoreConflict when the user does not exist or a key with the same hash does
     */
    public VirtualKey create(String userId, String displayPrefix, String keyHash, String hashKeyId,
                             VirtualKey.Spec spec, Optional<String> ownerPrincipalId) {
        Instant now = Columns.now(clock);
        VirtualKey key = new VirtualKey(Ids.newId(Ids.KEY), userId, spec.name(), displayPrefix, keyHash,
                spec.allowedModels(), spec.ipAllow(), spec.tags(), spec.metadata(), spec.limits(), spec.expiresAt(),
                spec.enabled(), spec.captureBodies(), now, now, Optional.empty(), spec.disabledCapabilities(),
                ownerPrincipalId);
        return ConfigWrite.run(database, handle -> {
            if (!ConfigWrite.exists(handle, "users", userId)) {
                throw new StoreConflict("there is no user " + userId);
            }
            bind(handle.createUpdate("INSERT INTO virtual_keys (id, user_id, name, display_prefix, key_hash, "
                    + "hash_key_id, allowed_models, ip_allow, tags, metadata, rpm, tpm, max_concurrent, expires_at, "
                    + "enabled, capture_bodies, created_at, updated_at, disabled_capabilities, owner_principal_id) "
                    + "VALUES (:id, :userId, :name, :displayPrefix, :keyHash, :hashKeyId, :allowedModels, :ipAllow, "
                    + ":tags, :metadata, :rpm, :tpm, :maxConcurrent, :expiresAt, :enabled, :captureBodies, "
                    + ":createdAt, :updatedAt, :disabledCapabilities, :owner)"), spec)
                    .bind("owner", ownerPrincipalId.orElse(null))
                    .bind("hashKeyId", hashKeyId)
                    .bind("id", key.id())
                    .bind("userId", userId)
                    .bind("displayPrefix", displayPrefix)
                    .bind("keyHash", keyHash)
                    .bind("createdAt", Columns.millis(now))
                    .bind("updatedAt", Columns.millis(now))
                    .execute();
            return key;
        }, created -> true, violation -> violation == Constraints.Violation.UNIQUE
                ? "a virtual key with the same hash already exists" : "there is no user " + userId);
    }

    /** The key with this id. */
    public Optional<VirtualKey> get(String id) {
        return database.jdbi().withHandle(handle -> get(handle, id));
    }

    /** The key whose hash this is: how a request's key is recognised. */
    public Optional<VirtualKey> findByHash(String keyHash) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " WHERE key_hash = :keyHash")
                .bind("keyHash", keyHash).map((rs, ctx) -> read(rs)).findOne());
    }

    /** Every key, by user and creation. */
    public List<VirtualKey> list() {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT
                + " ORDER BY user_id, created_at, id").map((rs, ctx) -> read(rs)).list());
    }

    /** The keys of one user, oldest first. */
    public List<VirtualKey> listByUser(String userId) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT
                + " WHERE user_id = :userId ORDER BY created_at, id").bind("userId", userId)
                .map((rs, ctx) -> read(rs)).list());
    }

    /** Replaces the key's changeable fields (not its owner or hash); empty when there is no such key. */
    public Optional<VirtualKey> update(String id, VirtualKey.Spec spec) {
        Instant now = Columns.now(clock);
        return ConfigWrite.run(database, handle -> {
            int rows = bind(handle.createUpdate("UPDATE virtual_keys SET name = :name, "
                    + "allowed_models = :allowedModels, ip_allow = :ipAllow, tags = :tags, metadata = :metadata, "
                    + "rpm = :rpm, tpm = :tpm, max_concurrent = :maxConcurrent, expires_at = :expiresAt, "
                    + "enabled = :enabled, capture_bodies = :captureBodies, "
                    + "disabled_capabilities = :disabledCapabilities, updated_at = :updatedAt WHERE id = :id"),
                    spec)
                    .bind("id", id)
                    .bind("updatedAt", Columns.millis(now))
                    .execute();
            return rows == 0 ? Optional.<VirtualKey>empty() : get(handle, id);
        }, Optional::isPresent, violation -> "virtual key " + id + " conflicts with another stored entity");
    }

    /**
     * Revokes the key: disables it for good, at this instant. Revoking a revoked key changes nothing.
     *
     * @return the key as it is now; empty when there is no such key
     */
    public Optional<VirtualKey> revoke(String id) {
        Instant now = Columns.now(clock);
        return ConfigWrite.run(database, handle -> {
            int rows = handle.createUpdate("UPDATE virtual_keys SET enabled = :enabled, revoked_at = :at, "
                            + "updated_at = :at WHERE id = :id AND revoked_at IS NULL")
                    .bind("enabled", false).bind("at", Columns.millis(now)).bind("id", id).execute();
            Optional<VirtualKey> key = get(handle, id);
            return rows == 0 ? key.map(k -> new Revoked(k, false)) : key.map(k -> new Revoked(k, true));
        }, r -> r.map(Revoked::changed).orElse(false), violation -> "virtual key " + id + " could not be revoked")
                .map(Revoked::key);
    }

    private record Revoked(VirtualKey key, boolean changed) {}

    /**
     * Deletes a key with its budgets.
     *
     * @return whether it existed
     */
    public boolean delete(String id) {
        return ConfigWrite.run(database, handle -> {
            BudgetRepository.deleteAllOf(handle, BudgetScope.KEY, id);
            return handle.createUpdate("DELETE FROM virtual_keys WHERE id = :id").bind("id", id).execute() > 0;
        }, deleted -> deleted, violation -> "virtual key " + id + " is still referenced");
    }

    private static Optional<VirtualKey> get(Handle handle, String id) {
        return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id).map((rs, ctx) -> read(rs)).findOne();
    }

    private static Update bind(Update update, VirtualKey.Spec spec) {
        return Columns.bindLimits(update, spec.limits())
                .bind("name", spec.name())
                .bind("allowedModels", Columns.jsonOrNull(spec.allowedModels()))
                .bind("ipAllow", Columns.json(spec.ipAllow()))
                .bind("tags", Columns.json(spec.tags()))
                .bind("metadata", Columns.json(spec.metadata()))
                .bind("expiresAt", Columns.millis(spec.expiresAt()))
                .bind("enabled", spec.enabled())
                .bind("captureBodies", spec.captureBodies())
                .bind("disabledCapabilities", Columns.operations(spec.disabledCapabilities()));
    }

    private static VirtualKey read(ResultSet rs) throws SQLException {
        return new VirtualKey(rs.getString("id"), rs.getString("user_id"), rs.getString("name"),
                rs.getString("display_prefix"), rs.getString("key_hash"), Columns.list(rs, "allowed_models"),
                Columns.list(rs, "ip_allow"), Columns.list(rs, "tags"), Columns.map(rs, "metadata"),
                Columns.limits(rs), Columns.optionalInstant(rs, "expires_at"), rs.getBoolean("enabled"),
                rs.getBoolean("capture_bodies"), Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"),
                Columns.optionalInstant(rs, "revoked_at"), Columns.operations(rs, "disabled_capabilities"),
                Optional.ofNullable(rs.getString("owner_principal_id")));
    }
}
