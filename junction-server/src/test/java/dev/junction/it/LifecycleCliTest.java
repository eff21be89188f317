package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code junction migrate} for deployments with {@code database.migrate: off}, and {@code junction backup} of the
 * SQLite store while a gateway serves, restored by starting a gateway on the copy.
 */
class LifecycleCliTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    private static String yaml(Path data, String extra) {
        return AdminHttp.CONFIG + "data_dir: \"" + data.toString().replace("\\", "/") + "\"\nsecret_key: "
                + Gateway.SECRET_KEY + "\n" + extra;
    }

    private static String file(Path dir, String yaml) throws Exception {
        return Files.writeString(dir.resolve("junction.yaml"), yaml).toString();
    }

    @Test
    void withMigrateOffTheGatewayRefusesAnUnmigratedStoreUntilJunctionMigrateRuns(@TempDir Path dir)
            throws Exception {
        String yaml = yaml(dir.resolve("data"), "database: {migrate: off}\n");
        String config = file(dir, yaml);

        assertThatThrownBy(() -> Gateway.start(yaml, Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the database schema is at version none")
                .hasMessageContaining("database.migrate is off: run `junction migrate`");
        Run migrated = run("migrate", "--config", config);
        Run again = run("migrate", "--config", config);

        assertThat(migrated.exit()).as(migrated.err()).isZero();
        assertThat(migrated.out()).contains("SQLite database", "migration(s) applied; the schema is at version ")
                .doesNotContain(": 0 migration(s)");
        assertThat(again.out()).contains(": 0 migration(s) applied");
        try (Gateway gateway = Gateway.start(yaml, Map.of())) {
            assertThat(gateway.get("/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aMigrateSettingOtherThanAutoOrOffIsAConfigurationError(@TempDir Path dir) throws Exception {
        Run checked = run("check-config", file(dir, yaml(dir.resolve("data"), "database: {migrate: later}\n")));

        assertThat(checked.exit()).isEqualTo(1);
        assertThat(checked.err()).contains("database.migrate: expected auto or off, got 'later'");
    }

    @Test
    void aBackupTakenWhileTheGatewayServesRestoresByStartingOnTheCopy(@TempDir Path dir) throws Exception {
        String yaml = yaml(dir.resolve("data"), "");
        String config = file(dir, yaml);
        Path backup = dir.resolve("backups").resolve("junction-backup.db");
        try (Gateway gateway = Gateway.start(yaml, Map.of())) {
            AdminHttp admin = new AdminHttp(gateway);
            admin.create("/api/admin/tenants", "{\"name\":\"kept-by-the-backup\"}");

            Run taken = run("backup", backup.toString(), "--config", config);
            admin.create("/api/admin/tenants", "{\"name\":\"made-after-the-backup\"}");
            Run again = run("backup", backup.toString(), "--config", config);

            assertThat(taken.exit()).as(taken.err()).isZero();
            assertThat(taken.out()).contains("Backed up the store to " + backup, "secret.key");
            assertThat(again.exit()).isEqualTo(2);
            assertThat(again.err()).contains("exists already");
            assertThat(gateway.get("/ready").statusCode()).isEqualTo(200); // it served throughout
        }

        Path restored = dir.resolve("restored");
        Files.createDirectories(restored);
        Files.copy(backup, restored.resolve("junction.db"));
        try (Gateway gateway = Gateway.start(yaml(restored, ""), Map.of())) {
            String tenants = gateway.get("/api/admin/tenants", "authorization", "Bearer " + AdminHttp.KEY).body();
            assertThat(tenants).contains("kept-by-the-backup").doesNotContain("made-after-the-backup");
        }
    }

    @Test
    void aServerDatabaseIsBackedUpWithItsOwnTools(@TempDir Path dir) throws Exception {
        String config = file(dir, yaml(dir.resolve("data"),
                "database: {url: \"jdbc:postgresql://127.0.0.1:5432/junction?password=hidden-pw\"}\n"));

        Run refused = run("backup", dir.resolve("x.db").toString(), "--config", config);

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("pg_dump", "mariadb-dump").doesNotContain("hidden-pw");
        assertThat(dir.resolve("x.db")).doesNotExist();
    }
}
