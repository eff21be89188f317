package dev.junction.store;

import dev.junction.secret.Secret;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The store's schema migrations (Flyway, forward only, one set per dialect) and the checks made before a gateway uses
 * a database: a schema newer than this build knows is refused (Flyway alone would ignore the future migrations it
 * finds applied, and an older gateway would then write to tables it does not understand), and with
 * {@link MigrationMode#OFF} a schema with pending migrations is refused with the command that applies them.
 */
final class Migrations {

    private static final String HISTORY_TABLE = "junction_schema_history";

    private final Flyway flyway;

    private Migrations(Flyway flyway) {
        this.flyway = flyway;
    }

    static Migrations of(SqlDialect dialect, String url, DatabaseSettings settings, DataSource pool) {
        FluentConfiguration config = Flyway.configure(Database.class.getClassLoader())
                .locations(dialect.migrationLocation())
                .table(HISTORY_TABLE)
                .validateMigrationNaming(true)
                .failOnMissingLocations(true);
        if (dialect == SqlDialect.SQLITE) {
            // Flyway keeps to one connection on SQLite, and only the pooled one sees an in-memory database.
            config.dataSource(pool);
        } else {
            // Flyway takes a second connection on these databases; its own keep a pool of one from deadlocking.
            config.dataSource(url, settings.user().orElse(null), settings.password().map(Secret::reveal).orElse(null));
        }
        return new Migrations(config.load());
    }

    /**
     * Checks the schema, then applies pending migrations when {@code mode} is {@link MigrationMode#AUTO}.
     *
     * @return how many migrations were applied
     * @throws SchemaMismatch when the schema is newer than this build, or is behind it and {@code mode} is off
     */
    int prepare(MigrationMode mode) {
        MigrationInfoService info = flyway.info();
        refuseNewer(info);
        if (mode == MigrationMode.AUTO) {
            return flyway.migrate().migrationsExecuted;
        }
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            throw new SchemaMismatch("the database schema is at version " + current(info) + " and this gateway needs "
                    + "version " + known(info) + " (" + pending.length + " pending migration(s)), but "
                    + "database.migrate is off: run `junction migrate` with this configuration first");
        }
        return 0;
    }

    /** The schema's version after the migrations applied so far ({@code none} for an empty database). */
    static String current(MigrationInfoService info) {
        return Optional.ofNullable(info.current()).map(MigrationInfo::getVersion).map(MigrationVersion::getVersion)
                .orElse("none");
    }

    /** The newest version this build carries a migration for. */
    static String known(MigrationInfoService info) {
        return Arrays.stream(info.all()).filter(m -> !future(m.getState())).map(MigrationInfo::getVersion)
                .filter(v -> v != null).max(Comparator.naturalOrder()).map(MigrationVersion::getVersion)
                .orElse("none");
    }

    MigrationInfoService info() {
        return flyway.info();
    }

    private static void refuseNewer(MigrationInfoService info) {
        boolean newer = Arrays.stream(info.applied()).anyMatch(m -> future(m.getState()));
        if (newer) {
            throw new SchemaMismatch("the database schema is at version " + current(info) + ", newer than this "
                    + "gateway knows (its newest is version " + known(info) + "): another replica of a later "
                    + "release migrated it. Run that release or a later one; migrations only go forward");
        }
    }

    private static boolean future(MigrationState state) {
        return state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED;
    }

    /** The database's schema does not fit this build; the message says which versions and what to do. */
    static final class SchemaMismatch extends IllegalStateException {
        SchemaMismatch(String message) {
            super(message);
        }
    }
}
