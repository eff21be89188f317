package dev.junction.examples.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ConfigLoader;
import dev.junction.json.Json;
import dev.junction.provider.ProviderCatalog;
import dev.junction.server.GatewayServer;
import dev.junction.testkit.MockUpstream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The example deployed as an operator would: its classes packed into a jar in a gateway's extensions directory (they
 * are not on this test's class path), enabled in the configuration, and a request through the real gateway to the
 * mock upstream appears as one JSON line in the audit file, without the key.
 */
class AuditSinkTest {

    private static final String KEY = "jk-audit-0123456789abcdef";

    @TempDir
    Path dir;
    private MockUpstream upstream;
    private GatewayServer gateway;

    @BeforeEach
    void start() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("extensions"));
        jar(Path.of(System.getProperty("audit.classes")), plugins.resolve("audit-sink.jar"));
        upstream = MockUpstream.start();
        String yaml = """
                server: {host: 127.0.0.1, port: 0, drain_timeout: 1s}
                data_dir: %s
                keys: [{name: auditors, key: %s}]
                routes:
                  chat: {steps: [{provider: openai, model: gpt-4o}]}
                extensions:
                  directory: %s
                  plugins:
                    audit-sink: {settings: {path: "%s"}}
                """.formatted(dir.resolve("data"), KEY, plugins, dir.resolve("audit/requests.jsonl"));
        var config = new ConfigLoader(ProviderCatalog.bundled(), Map.of("OPENAI_BASE_URL", upstream.baseUrl(),
                "OPENAI_API_KEY", "sk-upstream-0123456789abcdef", "JUNCTION_SECRET_KEY",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")).loadYaml(yaml, "test.yaml");
        gateway = GatewayServer.start(config);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void aFinishedRequestBecomesOneAuditLineWithoutTheKey() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"audit me\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();

        List<String> lines = awaitLines(dir.resolve("audit/requests.jsonl"));

        assertThat(lines).hasSize(1);
        JsonNode line = Json.tryParse(lines.getFirst().getBytes()).orElseThrow();
        assertThat(line.get("request_id").asString()).isEqualTo(requestId);
        assertThat(line.get("key").asString()).isEqualTo("auditors");
        assertThat(line.get("model").asString()).isEqualTo("chat");
        assertThat(line.get("deployment").asString()).isEqualTo("openai/gpt-4o");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("output_tokens").asLong()).isPositive();
        assertThat(lines.getFirst()).doesNotContain(KEY).doesNotContain("audit me");
        assertThat(gateway.extensions().status()).singleElement()
                .satisfies(s -> assertThat(s.source()).isEqualTo("audit-sink.jar"));
    }

    /** Packs the example's compiled classes and service file as the module's jar would hold them. */
    private static void jar(Path classes, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
    }

    private static List<String> awaitLines(Path file) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty()) {
                    return lines;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no audit line was written to " + file);
    }
}
