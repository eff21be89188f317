package dev.junction.config;

import dev.junction.routing.Price;
import dev.junction.secret.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the gateway keeps its state and how it governs requests: the database, the data directory (SQLite file,
 * secret key file, request-log spool), the secret key, request-log writing, and pricing. Immutable; a change needs a
 * restart.
 *
 * @param dataDir the data directory ({@code data_dir}, {@code JUNCTION_DATA_DIR}; default {@code ./data})
 * @param database the database
 * @param secretKey the key that encrypts provider secrets and keys virtual-key hashes ({@code secret_key},
 *     {@code JUNCTION_SECRET_KEY}); without it a key file in the data directory is used, generated on first start
 * @param previousSecretKeys keys that were the secret key before it ({@code previous_secret_keys},
 *     {@code JUNCTION_PREVIOUS_SECRET_KEYS}, comma-separated): values sealed and hashes made under them stay readable
 *     while provider secrets are re-sealed under the secret key; nothing new is sealed or hashed under them
 * @param requestLogs how request logs are written
 * @param pricing price overrides and markups
 * @param responses how the Responses API's stored responses are kept
 */
public record GovernanceSettings(Path dataDir, DatabaseConfig database, Optional<Secret> secretKey,
                                 List<Secret> previousSecretKeys, RequestLogSettings requestLogs, PricingSettings pricing,
                                 ResponsesSettings responses) {

    /** Copies the list of previous keys. */
    public GovernanceSettings {
        previousSecretKeys = List.copyOf(previousSecretKeys);
    }

    /**
     * The stored responses that {@code previous_response_id} continues ({@code responses:}).
     *
     * @param retention how long a stored response can be continued, read or listed ({@code retention}, default 30
     *     days); expired ones are deleted
     * @param maxStoredBytes the largest conversation kept for one response ({@code max_stored_size}, default 8 MiB);
     *     a larger one is answered but not stored, and the response says {@code store: false}
     */
    public record ResponsesSettings(Duration retention, long maxStoredBytes) {

        /** The defaults: 30 days, 8 MiB. */
        public static final ResponsesSettings DEFAULTS = new ResponsesSettings(Duration.ofDays(30), 8L << 20);
    }

    /** The secret key file used when no secret key is given. */
    public Path secretKeyFile() {
        return dataDir.resolve("secret.key");
    }

    /**
     * The database connection.
     *
     * @param url a JDBC URL ({@code database.url}, {@code JUNCTION_DATABASE_URL}); default
     *     {@code jdbc:sqlite:<data_dir>/junction.db}
     * @param poolSize connections (SQLite always uses one)
     * @param migrateAtStart {@code database.migrate}: {@code auto} (true, the default) applies pending migrations at
     *     start-up, {@code off} (false) refuses to start while any is pending ({@code junction migrate} applies them)
     */
    public record DatabaseConfig(String url, Optional<String> user, Optional<Secret> password, int poolSize,
                                 boolean migrateAtStart) {
    }

    /**
     * Request-log writing.
     *
     * @param captureBodies whether request and response bodies are stored for every key (keys can also opt in one by
     *     one)
     * @param maxBodyBytes the most bytes of a body stored
     * @param queueSize records held in memory before they overflow to the spool
     * @param batchSize records per database batch
     * @param flushInterval how long a record waits for a batch at most
     * @param spoolDir where records wait while the database is unreachable
     * @param spoolMaxBytes the spool's size cap; beyond it records are dropped and counted
     * @param journalSync when the journal ({@code spoolDir}) is forced to the disk ({@code journal.fsync},
     *     {@code journal.fsync_interval})
     * @param journalMaxWait the longest a response's end waits for its record to reach the journal
     *     ({@code journal.max_wait})
     */
    public record RequestLogSettings(boolean captureBodies, int maxBodyBytes, int queueSize, int batchSize,
                                     Duration flushInterval, Path spoolDir, long spoolMaxBytes,
                                     dev.junction.observe.JournalSync journalSync, Duration journalMaxWait) {

        /** Settings with the journal's defaults. */
        public RequestLogSettings(boolean captureBodies, int maxBodyBytes, int queueSize, int batchSize,
                                  Duration flushInterval, Path spoolDir, long spoolMaxBytes) {
            this(captureBodies, maxBodyBytes, queueSize, batchSize, flushInterval, spoolDir, spoolMaxBytes,
                    dev.junction.observe.JournalSync.DEFAULT, dev.junction.observe.WriterSettings.DEFAULT_MAX_WAIT);
        }
    }

    /**
     * Prices and markups.
     *
     * @param overrides prices by model name that replace the bundled catalog's
     * @param routeMarkups markup per route (public model name): 0.2 adds 20%, -0.1 gives 10% off; applied on top of
     *     a team's or tenant's markup
     * @param defaultMaxTokens the output tokens a request without {@code max_tokens} reserves when the catalog does not
     *     know the model's output limit
     */
    public record PricingSettings(Map<String, Price> overrides, Map<String, Double> routeMarkups,
                                  int defaultMaxTokens) {
        public PricingSettings {
            overrides = Map.copyOf(overrides);
            routeMarkups = Map.copyOf(routeMarkups);
        }
    }
}
