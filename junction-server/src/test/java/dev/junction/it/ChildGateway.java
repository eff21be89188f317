package dev.junction.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gateway replica as an operator runs it: a JVM of its own ({@code junction serve}) started from the test class
 * path, with its own data directory (and so its own request-log journal) and port, kept across a restart. Killing it
 * with {@link #kill} sends SIGKILL: nothing in the process gets to run. Test helper; {@link #close} stops it.
 */
final class ChildGateway implements AutoCloseable {

    private final String name;
    private final Path home;
    private final int port;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    private ChildGateway(String name, Path home, int port, Map<String, String> env) {
        this.name = name;
        this.home = home;
        this.port = port;
        this.env = env;
    }

    /**
     * Writes the replica's configuration ({@code yaml} after a {@code server} block on its port) and starts it.
     * Call {@link #awaitReady} before sending it requests.
     */
    static ChildGateway start(String name, Path home, String yaml, Map<String, String> env) {
        return start(name, home, yaml, env, Duration.ofSeconds(5));
    }

    /** As {@link #start(String, Path, String, Map)}, with {@code drain} as the replica's {@code drain_timeout}. */
    static ChildGateway start(String name, Path home, String yaml, Map<String, String> env, Duration drain) {
        int port = freePort();
        try {
            Files.createDirectories(home.resolve("data"));
            Files.writeString(home.resolve("junction.yaml"), """
                    server: {host: 127.0.0.1, port: %d, drain_timeout: %ds}
                    """.formatted(port, drain.toSeconds()) + yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildGateway gateway = new ChildGateway(name, home, port, env);
        gateway.launch();
        return gateway;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process (again, after a kill): same port, same data directory. */
    void launch() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.junction.cli.Main", "serve", "--config",
                home.resolve("junction.yaml").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("out-" + (++starts) + ".log").toFile()));
        builder.environment().putAll(env);
        builder.environment().put("JUNCTION_DATA_DIR", home.resolve("data").toString());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /ready} answers 200. */
    void awaitReady(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (readyStatus() == 200) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError(name + " was not ready within " + patience + ":\n" + logTail());
    }

    /** The last lines of the current run's output. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("out-" + starts + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** The status of {@code /ready}, or -1 when it does not answer. */
    int readyStatus() {
        return ready().map(HttpResponse::statusCode).orElse(-1);
    }

    /** The body of {@code /ready}, if it answers. */
    java.util.Optional<HttpResponse<String>> ready() {
        try {
            return java.util.Optional.of(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/ready")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** {@code kill -9}: the process ends at once, its queues, buffers and threads with it. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM: the gateway drains and exits; its exit status. */
    int terminate(Duration patience) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + patience + " of SIGTERM");
        }
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
