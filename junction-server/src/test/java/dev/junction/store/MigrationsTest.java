package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.secret.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The schema checks made before a gateway uses a database, and an upgrade from the previous release's schema with data
 * in it, on each database.
 */
class MigrationsTest {

    /** The schema of the previous release (the session before V25 unique entries, V26 principals, V27 operations). */
    private static final String PREVIOUS_RELEASE = "24";

    @AllDialects
    void aSchemaNewerThanThisBuildIsRefusedNamingBothVersions(SqlDialect dialect) {
        try (TestDatabases.Fresh fresh = TestDatabases.create(dialect)) {
            String known;
            try (Database current = Database.open(fresh.settings())) {
                known = current.schemaVersion();
            }
            // A replica of a later release migrated the shared database further.
            flyway(fresh, dialect.migrationLocation(), "classpath:db/future/" + folder(dialect)).load().migrate();

            assertThatThrownBy(() -> Database.open(fresh.settings())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("schema is at version 999, newer than this gateway knows")
                    .hasMessageContaining("its newest is version " + known + ")");
            assertThatThrownBy(() -> Database.open(fresh.settings().withMigrate(MigrationMode.OFF)))
                    .hasMessageContaining("version 999");
        }
    }

    @AllDialects
    void withMigrateOffPendingMigrationsAreRefusedUntilJunctionMigrateRuns(SqlDialect dialect) {
        try (TestDatabases.Fresh fresh = TestDatabases.create(dialect)) {
            createParent(fresh);
            flyway(fresh, dialect.migrationLocation()).target(PREVIOUS_RELEASE).load().migrate();
            DatabaseSettings off = fresh.settings().withMigrate(MigrationMode.OFF);

            assertThatThrownBy(() -> Database.open(off)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("schema is at version " + PREVIOUS_RELEASE)
                    .hasMessageContaining("pending migration(s)")
                    .hasMessageContaining("run `junction migrate`");
            assertThat(historyRows(fresh)).isEqualTo(countUpTo(dialect, PREVIOUS_RELEASE)); // nothing applied

            String latest;
            try (Database migrated = Database.open(fresh.settings())) { // what `junction migrate` does
                latest = migrated.schemaVersion();
                assertThat(migrated.migrationsApplied()).isPositive();
            }
            try (Database opened = Database.open(off)) {
                assertThat(opened.schemaVersion()).isEqualTo(latest);
                assertThat(opened.migrationsApplied()).isZero();
            }
        }
    }

    @AllDialects
    void upgradingFromThePreviousReleaseKeepsItsData(SqlDialect dialect) {
        try (TestDatabases.Fresh fresh = TestDatabases.create(dialect)) {
            createParent(fresh);
            flyway(fresh, dialect.migrationLocation()).target(PREVIOUS_RELEASE).load().migrate();
            raw(fresh).useHandle(MigrationsTest::seedAtPreviousRelease);

            try (Database db = Database.open(fresh.settings())) {
                Clock clock = Clock.systemUTC();
                var tenant = new TenantRepository(db, clock).findByName("acme-upgraded");
                assertThat(tenant).isPresent();
                assertThat(tenant.get().metadata()).containsEntry("plan", "gold");
                assertThat(tenant.get().disabledCapabilities()).isEmpty();
                var key = new VirtualKeyRepository(db, clock).findByHash("hash-of-the-old-key");
                assertThat(key).isPresent();
                assertThat(key.get().name()).isEqualTo("old-key");
                assertThat(new PriceOverrideRepository(db, clock).get("acme/model")).isPresent();
                // V25 kept one row of the duplicated entry (a replayed spool before entries were unique) and the rest.
                List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery("SELECT request_id, "
                        + "status, units FROM request_logs ORDER BY request_id").mapToMap().list());
                assertThat(rows).extracting(r -> r.get("request_id")).containsExactly("req_old_1", "req_old_2");
                assertThat(rows).extracting(r -> ((Number) r.get("status")).intValue()).containsExactly(200, 429);
                assertThat(rows).extracting(r -> r.get("units")).containsOnlyNulls();
            }
        }
    }

    /** Rows as the previous release wrote them, in its schema (V24). */
    private static void seedAtPreviousRelease(Handle h) {
        long now = System.currentTimeMillis();
        h.createUpdate("INSERT INTO tenants (id, name, metadata, created_at, updated_at) VALUES ('ten_old', "
                + "'acme-upgraded', '{\"plan\":\"gold\"}', :now, :now)").bind("now", now).execute();
        h.createUpdate("INSERT INTO users (id, tenant_id, name, metadata, created_at, updated_at) VALUES ('usr_old', "
                + "'ten_old', 'old-user', '{}', :now, :now)").bind("now", now).execute();
        h.createUpdate("INSERT INTO virtual_keys (id, user_id, name, display_prefix, key_hash, ip_allow, tags, "
                + "metadata, created_at, updated_at) VALUES ('key_old', 'usr_old', 'old-key', 'jk-old', "
                + "'hash-of-the-old-key', '[]', '[]', '{}', :now, :now)").bind("now", now).execute();
        h.createUpdate("INSERT INTO price_overrides (model, input_per_million, output_per_million, updated_at) "
                + "VALUES ('acme/model', 1.5, 2.5, :now)").bind("now", now).execute();
        for (String[] row : new String[][] {{"req_old_1", "200"}, {"req_old_1", "200"}, {"req_old_2", "429"}}) {
            h.createUpdate("INSERT INTO request_logs (request_id, started_at, key_name, endpoint, public_model, "
                    + "provider, deployment, upstream_model, stream, cache_hit, status, latency_ms, ttfb_ms, "
                    + "input_tokens, output_tokens, cached_read_tokens, cache_write_tokens, reasoning_tokens, "
                    + "metered_nanos, standard_nanos, charged_nanos, attempts) VALUES (:id, :at, 'old-key', "
                    + "'/v1/chat/completions', 'acme/model', 'openai', 'openai', 'gpt-4o-mini', :no, :no, :status, "
                    + "12, 5, 3, 4, 0, 0, 0, 100, 100, 100, '[]')")
                    .bind("id", row[0]).bind("at", now - 1_000).bind("no", false)
                    .bind("status", Integer.parseInt(row[1])).execute();
        }
    }

    private static FluentConfiguration flyway(TestDatabases.Fresh fresh, String... locations) {
        DatabaseSettings settings = fresh.settings();
        return Flyway.configure(MigrationsTest.class.getClassLoader()).locations(locations)
                .table("junction_schema_history")
                .dataSource(JdbcUrls.forDriver(settings.url()), settings.user().orElse(null),
                        settings.password().map(Secret::reveal).orElse(null));
    }

    private static int historyRows(TestDatabases.Fresh fresh) {
        return raw(fresh).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM junction_schema_history").mapTo(Integer.class)
                        .one());
    }

    /** The database as plain JDBC, outside the store (whose opening would migrate it). */
    private static Jdbi raw(TestDatabases.Fresh fresh) {
        DatabaseSettings settings = fresh.settings();
        return Jdbi.create(() -> DriverManager.getConnection(JdbcUrls.forDriver(settings.url()),
                settings.user().orElse(null), settings.password().map(Secret::reveal).orElse(null)));
    }

    /** How many of the dialect's migrations go up to {@code version}. */
    private static int countUpTo(SqlDialect dialect, String version) {
        try (var files = Files.list(Path.of("src/main/resources/db/migration", folder(dialect)))) {
            return (int) files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("V"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .filter(v -> v <= Integer.parseInt(version)).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String folder(SqlDialect dialect) {
        String location = dialect.migrationLocation();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static void createParent(TestDatabases.Fresh fresh) {
        JdbcUrls.sqliteFile(JdbcUrls.forDriver(fresh.settings().url())).map(Path::getParent).ifPresent(dir -> {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
