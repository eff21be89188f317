package dev.junction.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.junction.secret.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's database: a connection pool, its migrations and the threads that may block on it.
 *
 * <p>{@link #open} connects, applies the pending migrations of the URL's dialect and returns a ready database.
 * Blocking work belongs on {@link #executor()}, through {@link #call}: for SQLite one dedicated platform thread (the
 * driver is native code, which pins virtual threads, and SQLite has one writer anyway), for PostgreSQL and MySQL as
 * many platform threads as pooled connections. The instance is thread safe; {@link #close} ends both the threads and
 * the pool.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final SqlDialect dialect;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final ExecutorService executor;
    private final int migrationsApplied;
    private final String schemaVersion;

    private Database(SqlDialect dialect, HikariDataSource dataSource, ExecutorService executor, int migrationsApplied,
                     String schemaVersion) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.executor = executor;
        this.migrationsApplied = migrationsApplied;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Connects to the database and applies its pending migrations (with {@link MigrationMode#AUTO}; with
     * {@link MigrationMode#OFF} it only checks that none is pending). Blocks; call it at start-up, not on an event
     * loop.
     *
     * @throws IllegalArgumentException when the URL's scheme is not one of the supported databases
     * @throws IllegalStateException when the database cannot be reached, a migration fails, the schema is newer than
     *     this build knows, or migrations are pending and the mode is off (the message says what to do)
     */
    public static Database open(DatabaseSettings settings) {
        SqlDialect dialect = SqlDialect.ofUrl(settings.url());
        String url = JdbcUrls.forDriver(settings.url());
        String shown = JdbcUrls.redact(settings.url());
        if (dialect == SqlDialect.SQLITE) {
            JdbcUrls.sqliteFile(url).ifPresent(Database::createParentDirectory);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(dialect, url, settings));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to database " + shown + ": " + e.getMessage(), e);
        }
        try {
            Migrations migrations = Migrations.of(dialect, url, settings, pool);
            int applied = migrations.prepare(settings.migrate());
            String version = Migrations.current(migrations.info());
            // Debug: the gateway's start-up summary says where the data lives (describe()).
            LOG.debug("database {} ({}) is ready at schema version {}; {} migration(s) applied", shown, dialect,
                    version, applied);
            return new Database(dialect, pool, threads(dialect, settings.poolSize()), applied, version);
        } catch (Migrations.SchemaMismatch e) {
            pool.close();
            throw new IllegalStateException("cannot use database " + shown + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot migrate database " + shown + ": " + e.getMessage(), e);
        }
    }

    /** How many migrations {@link #open} applied. */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** The schema's version once opened ({@code none} for a database without any migration). */
    public String schemaVersion() {
        return schemaVersion;
    }

    private static HikariConfig poolConfig(SqlDialect dialect, String url, DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("junction-db");
        config.setJdbcUrl(url);
        settings.user().ifPresent(config::setUsername);
        settings.password().map(Secret::reveal).ifPresent(config::setPassword);
        switch (dialect) {
            case SQLITE -> {
                // One connection: SQLite has one writer, and an in-memory database lives only as long as its
                // connection, so that connection is never retired.
                config.setMaximumPoolSize(1);
                config.setMinimumIdle(1);
                config.setMaxLifetime(0);
                config.setIdleTimeout(0);
                config.addDataSourceProperty("journal_mode", "WAL");
                config.addDataSourceProperty("synchronous", "NORMAL");
                config.addDataSourceProperty("busy_timeout", "5000");
                config.addDataSourceProperty("foreign_keys", "true");
            }
            case POSTGRESQL -> {
                serverTimeouts(config, settings);
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
                // A database that stops answering (not just refusing) must not hang a writer for ever.
                config.addDataSourceProperty("socketTimeout", "60");
            }
            case MYSQL -> {
                serverTimeouts(config, settings);
                config.addDataSourceProperty("socketTimeout", "60000");
                config.addDataSourceProperty("useBulkStmtsForInserts", "true");
            }
        }
        return config;
    }

    /**
     * A database server that is down is noticed within seconds, not Hikari's default 30: the request-log writer then
     * spools, and admin calls answer with an error instead of hanging.
     */
    private static void serverTimeouts(HikariConfig config, DatabaseSettings settings) {
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
    }

    private static ExecutorService threads(SqlDialect dialect, int poolSize) {
        var factory = Thread.ofPlatform().name("junction-db-", 0).daemon(true).factory();
        return Executors.newFixedThreadPool(dialect == SqlDialect.SQLITE ? 1 : poolSize, factory);
    }

    private static void createParentDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the SQLite database " + file, e);
        }
    }

    /**
     * Runs blocking work on a database thread and completes the future with its result or its exception (as thrown,
     * not wrapped). Stages chained to the future without an executor run on the database thread: hop back to the
     * event loop before touching its state.
     */
    public <T> CompletableFuture<T> call(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the database is closed", e));
        }
        return result;
    }

    /** The database threads ({@code junction-db-*}, daemon platform threads) that {@link #call} runs work on. */
    public Executor executor() {
        return executor;
    }

    /** JDBI over the pool; its calls block. Nested calls on one thread share one handle (and transaction). */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The dialect of the URL. */
    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * Where the data lives, for people: {@code SQLite database data/junction.db}, {@code PostgreSQL database
     * jdbc:postgresql://db/junction} (user info and passwords masked).
     */
    public String describe() {
        String url = Optional.ofNullable(dataSource.getJdbcUrl()).orElse("");
        return switch (dialect) {
            case SQLITE -> "SQLite database " + JdbcUrls.sqliteFile(url).map(Path::toString).orElse("in memory");
            case POSTGRESQL -> "PostgreSQL database " + JdbcUrls.redact(url);
            case MYSQL -> "MySQL/MariaDB database " + JdbcUrls.redact(url);
        };
    }

    /** The connection pool, for the hot paths that use plain JDBC. Do not close it; close the database. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Lets queued work finish (up to ten seconds), then closes the pool. Idempotent. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        dataSource.close();
    }

    @Override
    public String toString() {
        return "Database[" + dialect + ", " + Optional.ofNullable(dataSource.getJdbcUrl()).map(JdbcUrls::redact)
                .orElse("") + "]";
    }
}
