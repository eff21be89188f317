package dev.junction.cli;

import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.config.GovernanceSettings;
import dev.junction.governance.Governance;
import dev.junction.provider.ProviderCatalog;
import dev.junction.store.SqliteBackup;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code junction backup FILE}: an online copy of the embedded SQLite store, safe while the gateway serves. */
@Command(name = "backup", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Copy the SQLite store to a new file while the gateway keeps serving.", "",
        "The copy is a complete database: to restore, stop the gateway, put the copy in place of the database file "
                + "(data_dir/junction.db) and start it. Keep the secret key with it. PostgreSQL and MariaDB: use "
                + "pg_dump or mariadb-dump (docs/operations.md)."})
final class BackupCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The backup file to write; it must not exist yet.")
    private Path target;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The configuration naming the store, as for serve (default: ./junction.yaml if it exists).")
    private Path config;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> file = Optional.ofNullable(config)
                .or(() -> Optional.of(Path.of("junction.yaml")).filter(Files::isRegularFile));
        GovernanceSettings governance;
        try {
            GatewayConfig loaded = new ConfigLoader(ProviderCatalog.bundled(), System.getenv()).load(file);
            governance = loaded.governance();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            SqliteBackup.copy(Governance.databaseSettings(governance.database()), target);
        } catch (IllegalArgumentException e) {
            err.println("junction: " + e.getMessage());
            return 2;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            err.println("junction: " + e.getMessage());
            return 1;
        }
        out.printf("Backed up the store to %s. Keep the secret key (%s, or JUNCTION_SECRET_KEY) with it: the "
                + "provider credentials in the copy are sealed with it.%n", target.toAbsolutePath(),
                governance.secretKeyFile());
        return 0;
    }
}
