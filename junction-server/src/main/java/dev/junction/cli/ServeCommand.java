package dev.junction.cli;

import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.observe.LogSetup;
import dev.junction.provider.ProviderCatalog;
import dev.junction.server.GatewayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code junction serve}: runs the gateway until interrupted, then drains and stops. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Start the gateway.", "",
        "Providers come from the environment (OPENAI_API_KEY, GROQ_API_KEY, OLLAMA_BASE_URL, ...) and from the "
                + "configuration file. The built-in 'mock' provider always answers (try model mock/echo)."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration file (default: ./junction.yaml if it exists).")
    private Path config;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "Port to listen on (default: server.port from the file, else 8080).")
    private Integer port;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "Log format: ${COMPLETION-CANDIDATES} (default: text when standard output is a terminal, "
                    + "else json).")
    private Optional<LogSetup.Format> logFormat = Optional.empty();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        LogSetup.configure(logFormat());
        Optional<Path> file = Optional.ofNullable(config)
                .or(() -> Optional.of(Path.of("junction.yaml")).filter(Files::isRegularFile));
        GatewayConfig gatewayConfig;
        try {
            gatewayConfig = load(file);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        GatewayServer server;
        try {
            server = GatewayServer.start(gatewayConfig);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("junction: " + e.getMessage());
            return 1;
        }
        file.ifPresent(f -> server.watch(f, () -> load(file)));
        CountDownLatch asked = new CountDownLatch(1);
        StopSignals.onStop(asked::countDown);
        // Any other way out of the JVM (SIGHUP, System.exit) still drains, from a shutdown hook.
        Thread hook = new Thread(() -> {
            server.stop();
            LogSetup.flush();
        }, "junction-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        asked.await();
        server.stop();
        LogSetup.flush();
        return 0; // a stop that was asked for and drained is a success, not the JVM's 128 + signal
    }

    /** The format asked for, else the one that suits where standard output goes. */
    LogSetup.Format logFormat() {
        return logFormat.orElseGet(() -> LogSetup.Format.forOutput(LogSetup.stdoutIsTerminal()));
    }

    /** The file (or the environment alone) as this command runs it: environment read now, overrides applied. */
    private GatewayConfig load(Optional<Path> file) {
        GatewayConfig loaded = new ConfigLoader(ProviderCatalog.bundled(), System.getenv()).load(file);
        return port == null ? loaded : loaded.withServer(loaded.server().withPort(port));
    }
}
