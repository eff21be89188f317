package dev.junction.cli;

import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.observe.LogSetup;
import dev.junction.provider.ProviderCatalog;
import dev.junction.server.GatewayServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction aot-train}: a short, self-contained workload for the JDK's ahead-of-time cache. The launcher runs
 * it once per build under {@code -XX:AOTCacheOutput}, so later starts load classes and method profiles from the
 * cache and reach full speed sooner. It starts a gateway on a free loopback port whose {@code self} provider points
 * back at the gateway, so the OpenAI upstream path (HTTP client, SSE pass-through) is exercised along with the
 * built-in mock, then stops.
 */
@Command(name = "aot-train", hidden = true, description = "Run a short training workload for the JDK AOT cache.")
final class AotTrainCommand implements Callable<Integer> {

    @Option(names = "--requests", defaultValue = "100", description = "Requests per kind (default: ${DEFAULT-VALUE}).")
    private int requests;

    @Override
    public Integer call() throws Exception {
        System.setProperty("JUNCTION_LOG_LEVEL", "ERROR");
        LogSetup.configure(LogSetup.Format.json);
        int port = freePort();
        // A throw-away store: training must not leave a database or a secret key where the user starts the gateway.
        java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("junction-aot-");
        String yaml = """
                server: {host: 127.0.0.1, port: %d, drain_timeout: 1s}
                data_dir: "%s"
                providers:
                  self: {base_url: "http://127.0.0.1:%d/v1", auth: none}
                routes:
                  looped:
                    steps: [{provider: self, model: mock/echo}]
                """.formatted(port, dataDir.toString().replace("\\", "/"), port);
        GatewayConfig config = new ConfigLoader(ProviderCatalog.bundled(), Map.of()).loadYaml(yaml, "aot-train");
        GatewayServer server = GatewayServer.start(config);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            String base = "http://127.0.0.1:" + port;
            for (int i = 0; i < requests; i++) {
                for (String model : new String[] {"mock/echo", "looped"}) {
                    post(http, base, "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                            + "\"train the cache " + i + "\"}]}");
                    post(http, base, "{\"model\":\"" + model + "\",\"stream\":true,\"stream_options\":"
                            + "{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"stream " + i
                            + "\"}]}");
                }
                if (i % 50 == 0) {
                    post(http, base, "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
                    post(http, base, "{\"model\":");
                    http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models")).build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
        } finally {
            server.stop();
            LogSetup.flush();
            try (var paths = java.nio.file.Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static void post(HttpClient http, String base, String body) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
