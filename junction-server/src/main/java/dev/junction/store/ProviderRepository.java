package dev.junction.store;

import dev.junction.config.StoredProvider;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Providers configured through the admin API. The store keeps their API keys as the opaque ciphertext the application
 * hands it. Blocking and thread safe: run it on a database thread ({@link Database#call}). Every write increments the
 * {@link StoreRevision}; a duplicate name throws {@link StoreConflict}.
 */
public final class ProviderRepository {

    private static final String SELECT = "SELECT name, definition, api_key_ciphertext, tenant_id FROM providers";

    private final Database database;
    private final Clock clock;

    /** Providers of this database, timestamped by this clock. */
    public ProviderRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Stores a new provider.
     *
     * @throws StoreConflict when one of that name exists
     */
    public StoredProvider create(StoredProvider provider) {
        long now = Columns.now(clock).toEpochMilli();
        return ConfigWrite.run(database, handle -> {
            handle.createUpdate("INSERT INTO providers (name, definition, api_key_ciphertext, tenant_id, "
                    + "created_at, updated_at) VALUES (:name, :definition, :ciphertext, :tenant, :now, :now)")
                    .bind("name", provider.name())
                    .bind("tenant", provider.tenantId().orElse(null))
                    .bind("definition", provider.definitionJson())
                    .bind("ciphertext", provider.apiKeyCiphertext().orElse(null))
                    .bind("now", now)
                    .execute();
            return provider;
        }, created -> true, violation -> "a provider named '" + provider.name() + "' already exists");
    }

    /** The provider of this name. */
    public Optional<StoredProvider> get(String name) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> read(rs)).findOne());
    }

    /** Every stored provider, by name. */
    public List<StoredProvider> list() {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " ORDER BY name")
                .map((rs, ctx) -> read(rs)).list());
    }

    /**
     * Replaces the definition and the key's ciphertext of the provider of that name (an empty ciphertext removes the
     * key).
     *
     * @return whether it existed
     */
    public boolean update(StoredProvider provider) {
        long now = Columns.now(clock).toEpochMilli();
        return ConfigWrite.run(database, handle -> handle.createUpdate("UPDATE providers SET definition = "
                + ":definition, api_key_ciphertext = :ciphertext, tenant_id = :tenant, updated_at = :now "
                + "WHERE name = :name")
                .bind("name", provider.name())
                .bind("tenant", provider.tenantId().orElse(null))
                .bind("definition", provider.definitionJson())
                .bind("ciphertext", provider.apiKeyCiphertext().orElse(null))
                .bind("now", now)
                .execute() > 0, updated -> updated, violation -> "provider '" + provider.name() + "' is in conflict");
    }

    /**
     * Deletes the provider of that name.
     *
     * @return whether it existed
     */
    public boolean delete(String name) {
        return ConfigWrite.run(database, handle -> handle.createUpdate("DELETE FROM providers WHERE name = :name")
                .bind("name", name).execute() > 0, deleted -> deleted,
                violation -> "provider '" + name + "' is referenced");
    }

    private static StoredProvider read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredProvider(rs.getString("name"), rs.getString("definition"),
                Columns.optionalString(rs, "api_key_ciphertext"), Columns.optionalString(rs, "tenant_id"));
    }
}
