package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.provider.ProviderCatalog;
import dev.junction.server.GatewayServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A gateway started from a file picks up edits to it without a restart, and ignores invalid ones. */
class ConfigReloadTest {

    private static final String SERVER = "server: {host: 127.0.0.1, port: 0, drain_timeout: 2s}\n";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path file;
    private GatewayServer server;

    @BeforeEach
    void start() throws IOException {
        logs.start();
        serverLogger().setLevel(Level.INFO); // the "in effect" line is INFO; the console still shows WARN only
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        file = dir.resolve("junction.yaml");
        Files.writeString(file, SERVER + "routes:\n  first: {steps: [{provider: mock, model: echo}]}\n");
        ConfigLoader loader = new ConfigLoader(ProviderCatalog.bundled(), Map.of("JUNCTION_DATA_DIR",
                dir.resolve("data").toString()));
        GatewayConfig config = loader.load(Optional.of(file));
        server = GatewayServer.start(config);
        server.watch(file, () -> loader.load(Optional.of(file)));
    }

    @AfterEach
    void stop() {
        server.stop();
        serverLogger().setLevel(null);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void editedFileServesItsNewRouteThenAnInvalidEditKeepsIt() throws IOException {
        assertThat(chat("first")).isEqualTo(200);

        write(SERVER + "routes:\n  second:\n    aliases: [second-latest]\n"
                + "    groups: [{deployments: [{provider: mock, model: echo}]}]\n");
        await(() -> chat("second") == 200, "the new route to answer");
        assertThat(chat("second-latest")).isEqualTo(200);
        assertThat(chat("first")).isNotEqualTo(200);
        assertThat(messages(Level.INFO)).anyMatch(m -> m.contains("New configuration in effect"));

        write(SERVER + "bogus: 1\nroutes:\n  second: {steps: [{provider: nope, model: echo}]}\n");
        await(() -> messages(Level.WARN).stream().anyMatch(m -> m.contains("provider 'nope'")),
                "the problems to be logged");
        assertThat(messages(Level.WARN)).anyMatch(m -> m.contains("bogus: unknown key"))
                .anyMatch(m -> m.contains("keeping the running configuration"));
        assertThat(chat("second")).isEqualTo(200);
    }

    @Test
    void changedListenerSettingsAreIgnoredAndLogged() throws IOException {
        write("server: {host: 127.0.0.1, port: 0, drain_timeout: 3s}\n"
                + "routes:\n  third: {steps: [{provider: mock, model: echo}]}\n");

        await(() -> chat("third") == 200, "the new route to answer");
        assertThat(messages(Level.WARN)).anyMatch(m -> m.contains("'server' settings changed"));
    }

    private static Logger serverLogger() {
        return (Logger) LoggerFactory.getLogger("dev.junction.server");
    }

    /** Writes atomically, as editors and config-management tools do, so no check sees half a file. */
    private void write(String yaml) throws IOException {
        Path tmp = dir.resolve("junction.yaml.tmp");
        Files.writeString(tmp, yaml);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private int chat(String model) {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/v1/chat/completions")).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError("request to the gateway failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private List<String> messages(Level level) {
        synchronized (logs) {
            return logs.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
