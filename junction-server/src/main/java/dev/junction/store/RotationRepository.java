package dev.junction.store;

import dev.junction.config.StoredProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.Update;

/**
 * What a rotation of the gateway's secret key reads and rewrites: which secret key each stored hash was made under
 * (virtual keys' {@code hash_key_id}, service accounts' {@code token_key_id}), and stored records whose sealed values
 * are replaced by the same values sealed under the new key. A replacement only lands when the record is still what
 * was read (compare and set), so an administrator's write made meanwhile is never undone; it does not count as a
 * configuration change (the effective configuration is the same), so no replica reloads for it. Blocking: call it on
 * the database's threads.
 */
public final class RotationRepository {

    /** The key id counted for hashes made before key ids were recorded. */
    public static final String UNKNOWN = "";

    private final Database database;

    public RotationRepository(Database database) {
        this.database = database;
    }

    /** How many virtual keys were hashed under each secret key id ({@link #UNKNOWN} for those without one). */
    public Map<String, Long> virtualKeysByKeyId() {
        return countBy("SELECT hash_key_id, COUNT(*) FROM virtual_keys GROUP BY hash_key_id");
    }

    /** How many service-account tokens were hashed under each secret key id ({@link #UNKNOWN} without one). */
    public Map<String, Long> serviceTokensByKeyId() {
        return countBy("SELECT token_key_id, COUNT(*) FROM principals WHERE token_hash IS NOT NULL "
                + "GROUP BY token_key_id");
    }

    /**
     * Records {@code keyId} for every hash that has no key id: right only while the gateway has a single secret key,
     * which every such hash must have been made under (it would not work otherwise).
     *
     * @return how many hashes were given the id
     */
    public int adoptUnknownHashes(String keyId) {
        return database.jdbi().inTransaction(handle -> handle.createUpdate("UPDATE virtual_keys SET hash_key_id = "
                + ":id WHERE hash_key_id IS NULL").bind("id", keyId).execute()
                + handle.createUpdate("UPDATE principals SET token_key_id = :id WHERE token_key_id IS NULL AND "
                + "token_hash IS NOT NULL").bind("id", keyId).execute());
    }

    /**
     * Replaces a stored provider's definition and key ciphertext, if the row is still {@code before}.
     *
     * @return whether it was replaced
     */
    public boolean replaceProvider(StoredProvider before, StoredProvider after) {
        return database.jdbi().withHandle(handle -> {
            Update update = handle.createUpdate("UPDATE providers SET definition = :definition, api_key_ciphertext = "
                    + ":ciphertext WHERE name = :name AND definition = :oldDefinition AND "
                    + (before.apiKeyCiphertext().isPresent() ? "api_key_ciphertext = :oldCiphertext"
                            : "api_key_ciphertext IS NULL"))
                    .bind("name", before.name()).bind("oldDefinition", before.definitionJson())
                    .bind("definition", after.definitionJson())
                    .bind("ciphertext", after.apiKeyCiphertext().orElse(null));
            before.apiKeyCiphertext().ifPresent(c -> update.bind("oldCiphertext", c));
            return update.execute() > 0;
        });
    }

    /**
     * Replaces a stored alert channel's sealed address and secret, if the row is still {@code before}.
     *
     * @return whether it was replaced
     */
    public boolean replaceAlertChannel(StoredAlertChannel before, StoredAlertChannel after) {
        return database.jdbi().withHandle(handle -> {
            Optional<String> oldSecret = before.secretCiphertext();
            Update update = handle.createUpdate("UPDATE alert_channels SET url_ciphertext = :url, secret_ciphertext = "
                    + ":secret WHERE name = :name AND url_ciphertext = :oldUrl AND "
                    + (oldSecret.isPresent() ? "secret_ciphertext = :oldSecret" : "secret_ciphertext IS NULL"))
                    .bind("name", before.name()).bind("oldUrl", before.urlCiphertext())
                    .bind("url", after.urlCiphertext()).bind("secret", after.secretCiphertext().orElse(null));
            oldSecret.ifPresent(s -> update.bind("oldSecret", s));
            return update.execute() > 0;
        });
    }

    private Map<String, Long> countBy(String sql) {
        return database.jdbi().withHandle(handle -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            handle.createQuery(sql).map((rs, ctx) -> Map.entry(Optional.ofNullable(rs.getString(1)).orElse(UNKNOWN),
                    rs.getLong(2))).forEach(e -> counts.merge(e.getKey(), e.getValue(), Long::sum));
            return counts;
        });
    }
}
