package dev.junction.cli;

import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.governance.Governance;
import dev.junction.provider.ProviderCatalog;
import dev.junction.store.Database;
import dev.junction.store.DatabaseSettings;
import dev.junction.store.MigrationMode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction migrate}: applies the store's pending migrations to the database the configuration names, whatever
 * its {@code database.migrate} says; the explicit step for deployments that run with {@code migrate: off}.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Apply the pending database migrations, then exit.", "",
        "For deployments with database.migrate: off, run it once (a job, a deploy step) before starting replicas of "
                + "a new release. Exit status 0 when the schema is current, 1 when the database cannot be used."})
final class MigrateCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The configuration naming the database, as for serve (default: ./junction.yaml if it "
                    + "exists; else JUNCTION_DATABASE_URL or the SQLite file in the data directory).")
    private Path config;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> file = Optional.ofNullable(config)
                .or(() -> Optional.of(Path.of("junction.yaml")).filter(Files::isRegularFile));
        DatabaseSettings settings;
        try {
            GatewayConfig loaded = new ConfigLoader(ProviderCatalog.bundled(), System.getenv()).load(file);
            settings = Governance.databaseSettings(loaded.governance().database()).withMigrate(MigrationMode.AUTO);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        try (Database database = Database.open(settings)) {
            out.printf("%s: %d migration(s) applied; the schema is at version %s.%n",
                    database.describe(), database.migrationsApplied(), database.schemaVersion());
            return 0;
        } catch (IllegalStateException e) {
            err.println("junction: " + e.getMessage());
            return 1;
        }
    }
}
