package dev.junction.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.junction.config.ConfigLoader;
import dev.junction.observe.FlatJsonEncoder;
import dev.junction.pipeline.Stage;
import dev.junction.provider.ProviderCatalog;
import dev.junction.server.GatewayServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * A real gateway on a random port, configured from YAML and an explicit environment, with its log output
 * captured. Test helper; close it after use.
 */
final class Gateway implements AutoCloseable {

    static final String KEY = "jk-test-0123456789abcdef";
    /** The secret key test gateways share, so that replicas in one test agree on key hashes. */
    static final String SECRET_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private final GatewayServer server;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OpenAIClient sdk;
    private Path ownDataDir;

    private Gateway(GatewayServer server) {
        this.server = server;
    }

    /** Starts a gateway; the YAML gets {@code server: {host: 127.0.0.1, port: 0}} unless it has a server block. */
    static Gateway start(String yaml, Map<String, String> env) {
        return start(yaml, env, Clock.systemUTC());
    }

    /**
     * Starts a gateway whose budgets and key expiry follow {@code clock}. Unless the environment names a data
     * directory or database, it gets a data directory of its own (an SQLite file), removed on close.
     */
    static Gateway start(String yaml, Map<String, String> env, Clock clock) {
        return start(yaml, env, clock, List.of());
    }

    /** Starts a gateway whose routed requests also pass through {@code stages}, right before execution. */
    static Gateway start(String yaml, Map<String, String> env, Clock clock, List<Stage> stages) {
        String full = yaml.contains("server:") ? yaml : "server: {host: 127.0.0.1, port: 0, drain_timeout: 2s}\n" + yaml;
        Map<String, String> environment = new HashMap<>(env);
        Path dataDir = null;
        if (!environment.containsKey("JUNCTION_DATA_DIR") && !yaml.contains("data_dir:")) {
            try {
                dataDir = Files.createTempDirectory("junction-it-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            environment.put("JUNCTION_DATA_DIR", dataDir.toString());
        }
        environment.putIfAbsent("JUNCTION_SECRET_KEY", SECRET_KEY);
        var config = new ConfigLoader(ProviderCatalog.bundled(), environment).loadYaml(full, "test.yaml");
        Gateway gateway = new Gateway(GatewayServer.start(config, clock, stages));
        gateway.ownDataDir = dataDir;
        gateway.logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(gateway.logs);
        return gateway;
    }

    /** A gateway with one gateway key and the OpenAI preset pointed at {@code upstreamBaseUrl}. */
    static Gateway withOpenAiUpstream(String upstreamBaseUrl, String extraYaml) {
        return start("keys: [{name: tests, key: " + KEY + "}]\n" + extraYaml,
                Map.of("OPENAI_BASE_URL", upstreamBaseUrl, "OPENAI_API_KEY", "sk-upstream-secret-abcdef123456"));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    GatewayServer server() {
        return server;
    }

    /** The official OpenAI SDK pointed at this gateway, without retries so that tests see every status. */
    synchronized OpenAIClient sdk() {
        if (sdk == null) {
            sdk = OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(KEY).maxRetries(0)
                    .timeout(Duration.ofSeconds(20)).build();
        }
        return sdk;
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length == 0) {
            builder.header("authorization", "Bearer " + KEY);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    HttpResponse<String> get(String path, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    /** Any method, a JSON body (or none when {@code body} is null) and the given headers only. */
    HttpResponse<String> request(String method, String path, String body, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("content-type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request to the gateway failed: " + e, e);
        }
    }

    /** Everything logged so far, as the JSON lines an operator would see. */
    String logOutput() {
        FlatJsonEncoder encoder = new FlatJsonEncoder();
        synchronized (logs) {
            return logs.list.stream().map(e -> new String(encoder.encode(e), StandardCharsets.UTF_8))
                    .collect(Collectors.joining());
        }
    }

    /** Waits up to five seconds for a log line containing {@code text}; request lines are written after the reply. */
    String awaitLog(String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            String out = logOutput();
            if (out.contains(text)) {
                return out;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no log line contains '" + text + "'; the log was:\n" + logOutput());
    }

    @Override
    public void close() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (sdk != null) {
            sdk.close();
        }
        server.stop();
        if (ownDataDir != null) {
            deleteRecursively(ownDataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
