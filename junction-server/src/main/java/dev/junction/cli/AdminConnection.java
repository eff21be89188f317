package dev.junction.cli;

import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.provider.ProviderCatalog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every {@code users} and {@code keys} command shares: where the governance store is (a running
 * gateway's admin API, or the database named by the configuration) and how to print. A picocli mixin.
 */
final class AdminConnection {

    @Option(names = "--url", paramLabel = "URL",
            description = "A running gateway's address, e.g. http://127.0.0.1:8080 (env JUNCTION_URL). Without it "
                    + "the database is opened directly.")
    private String url;

    @Option(names = "--admin-key", paramLabel = "KEY",
            description = "An admin key of that gateway (env JUNCTION_ADMIN_KEY, which keeps it out of the process "
                    + "list).")
    private String adminKey;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Without --url: the configuration naming the database and secret key, as for serve "
                    + "(default: ./junction.yaml if it exists, else JUNCTION_DATABASE_URL, JUNCTION_DATA_DIR, "
                    + "JUNCTION_SECRET_KEY).")
    private Path config;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    /** Whether to print JSON. */
    boolean json() {
        return json;
    }

    /**
     * Connects as the options and the environment say.
     *
     * @throws CliFailure when --url is given without an admin key
     * @throws dev.junction.config.ConfigException when the configuration is invalid
     */
    AdminClient open(Map<String, String> env, PrintWriter err) {
        Optional<String> base = Optional.ofNullable(url).or(() -> Optional.ofNullable(env.get("JUNCTION_URL")))
                .filter(u -> !u.isBlank());
        if (base.isPresent()) {
            String key = Optional.ofNullable(adminKey).or(() -> Optional.ofNullable(env.get("JUNCTION_ADMIN_KEY")))
                    .filter(k -> !k.isBlank())
                    .orElseThrow(() -> new CliFailure("--url needs an admin key: pass --admin-key or set "
                            + "JUNCTION_ADMIN_KEY"));
            return new HttpAdminClient(base.get(), key);
        }
        Optional<Path> file = Optional.ofNullable(config)
                .or(() -> Optional.of(Path.of("junction.yaml")).filter(Files::isRegularFile));
        GatewayConfig loaded = new ConfigLoader(ProviderCatalog.bundled(), env).load(file);
        return DirectAdminClient.open(loaded.governance(), loaded.redisUrl(), err);
    }
}
