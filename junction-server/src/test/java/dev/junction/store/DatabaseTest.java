package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.entity.Tenant;
import dev.junction.secret.Secret;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(SharedDatabases.class)
class DatabaseTest {

    /** The migrations each dialect has (V1 governance, V2 disabling users and teams, V3 the store identity, V5 stored
     * responses, V6 alert channels, V7 usage rollups, …, V25 unique request-log entries, V26 principals and roles,
     * V27 operations, V28 the cache outcome in the request log, V32 teams' and users' disabled capabilities, V33 keys'
     * issuing principal, V34 tenant settings, V35 tenants' own providers, V36 the secret key ids of hashes). */
    private static final int MIGRATIONS = 26;

    @AllDialects
    void openingMigratesAnEmptyDatabaseAndSeedsTheDefaultTenant(SqlDialect dialect) {
        Database db = SharedDatabases.get(dialect);

        assertThat(new TenantRepository(db, Clock.systemUTC()).get(Tenant.DEFAULT_ID)).map(Tenant::name)
                .contains("default");
        assertThat(successfulMigrations(db)).isEqualTo(MIGRATIONS);
    }

    @AllDialects
    void reopeningAppliesNoMigrationAgainAndKeepsTheData(SqlDialect dialect) {
        try (TestDatabases.Fresh fresh = TestDatabases.create(dialect)) {
            String name = Fixtures.unique("kept");
            try (Database first = Database.open(fresh.settings())) {
                new TenantRepository(first, Clock.systemUTC()).create(Fixtures.tenant(name));
            }
            try (Database second = Database.open(fresh.settings())) {
                assertThat(successfulMigrations(second)).isEqualTo(MIGRATIONS);
                assertThat(new TenantRepository(second, Clock.systemUTC()).findByName(name)).isPresent();
            }
        }
    }

    private static int successfulMigrations(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM junction_schema_history "
                + "WHERE success = :ok").bind("ok", true).mapTo(Integer.class).one());
    }

    @Test
    void sqliteWorkRunsOnOneNamedPlatformThread() {
        Database db = SharedDatabases.get(SqlDialect.SQLITE);

        Thread first = db.call(Thread::currentThread).join();
        Thread second = db.call(Thread::currentThread).join();

        assertThat(first).isSameAs(second);
        assertThat(first.getName()).startsWith("junction-db-");
        assertThat(first.isVirtual()).isFalse();
        assertThat(first.isDaemon()).isTrue();
    }

    @AllDialects
    void callCompletesWithTheExceptionTheWorkThrew(SqlDialect dialect) {
        Database db = SharedDatabases.get(dialect);
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> db.call(() -> {
            throw failure;
        }).join()).isInstanceOf(CompletionException.class).cause().isSameAs(failure);
    }

    @Test
    void sqliteConnectionsEnforceForeignKeysAndUseTheWriteAheadLog() {
        Database db = SharedDatabases.get(SqlDialect.SQLITE);

        db.jdbi().useHandle(h -> {
            assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isEqualTo(1);
            assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualToIgnoringCase("wal");
            assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()).isEqualTo(5000);
            assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:sqlite::memory:", "jdbc:sqlite:file:junction-test?mode=memory"})
    void anInMemorySqliteDatabaseKeepsItsDataWhileOpen(String url) {
        try (Database db = Database.open(DatabaseSettings.of(url))) {
            TenantRepository tenants = new TenantRepository(db, Clock.systemUTC());
            Tenant created = db.call(() -> tenants.create(Fixtures.tenant("in-memory"))).join();

            assertThat(db.call(() -> tenants.get(created.id())).join()).contains(created);
        }
    }

    @Test
    void anUnknownUrlSchemeIsRejectedWithoutShowingThePassword() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:oracle:thin:scott/tiger@//db:1521/x?password=tiger",
                Optional.of("scott"), Optional.of(Secret.of("tiger")), 2);

        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported database URL")
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining("password=tiger");
    }

    @Test
    void aClosedDatabaseRefusesWork() {
        Database db = Database.open(DatabaseSettings.of("jdbc:sqlite::memory:"));
        db.close();

        assertThatThrownBy(() -> db.call(() -> 1).join()).cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
