package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import dev.junction.testkit.TestServiceAccount;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Google Vertex AI end to end: a gateway with Gemini and Claude providers on Vertex, a test service account whose
 * assertions Google's auth library really signs, and the mock's token endpoint and Vertex paths. What the SDK matrix
 * does not show: the token's life, the wire Vertex receives, embeddings through {@code :predict}, and errors.
 */
class VertexAiTest {

    private static final String CLAUDE_PATH = "/v1/projects/mock-project/locations/europe-west1/publishers/anthropic"
            + "/models/claude-sonnet-4-5@20250929:rawPredict";

    @TempDir
    Path temp;

    private MockUpstream upstream;
    private Gateway gateway;
    private TestServiceAccount account;

    @BeforeEach
    void start() {
        upstream = MockUpstream.start();
        account = TestServiceAccount.create(upstream, temp);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private void startGateway(Path credentials) {
        String platform = "{type: vertex, project: mock-project, location: europe-west1, credentials_file: '%s', "
                .formatted(credentials) + "base_url: " + upstream.rootUrl() + "}";
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers:
                  gemini-vertex: {dialect: gemini, platform: %s}
                  claude-vertex: {dialect: anthropic, platform: %s}
                routes:
                  gemini: {steps: [{provider: gemini-vertex, model: gemini-2.5-flash}]}
                  claude: {steps: [{provider: claude-vertex, model: claude-sonnet-4-5@20250929}]}
                  text-embedding: {steps: [{provider: gemini-vertex, model: text-embedding-005}]}
                  gemini-embedding: {steps: [{provider: gemini-vertex, model: gemini-embedding-001}]}
                """.formatted(Gateway.KEY, platform, platform), Map.of());
    }

    private HttpResponse<String> claude(String body, String... headers) {
        String[] all = new String[headers.length + 4];
        System.arraycopy(new String[] {"x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01"}, 0, all, 0, 4);
        System.arraycopy(headers, 0, all, 4, headers.length);
        return gateway.post("/v1/messages", body, all);
    }

    private static String bearer(RecordedRequest request) {
        return request.header("authorization").orElseThrow();
    }

    @Test
    void oneTokenServesManyRequestsToBothPublishers() {
        startGateway(account.file());
        for (int i = 0; i < 3; i++) {
            assertThat(ClientWire.OPENAI.chat(gateway, "gemini", "hi", false).statusCode()).isEqualTo(200);
            assertThat(ClientWire.OPENAI.chat(gateway, "claude", "hi", false).statusCode()).isEqualTo(200);
        }

        assertThat(upstream.googleTokens().tokensIssued()).isEqualTo(1);
        assertThat(upstream.requests()).hasSize(6).extracting(VertexAiTest::bearer).containsOnly("Bearer ya29.mock-1");
    }

    @Test
    void concurrentFirstRequestsShareOneTokenFetch() throws Exception {
        startGateway(account.file());
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var replies = pool.invokeAll(java.util.Collections.nCopies(8,
                    () -> ClientWire.OPENAI.chat(gateway, "claude", "hi", false).statusCode()));
            for (var reply : replies) {
                assertThat(reply.get()).isEqualTo(200);
            }
        }

        assertThat(upstream.googleTokens().tokensIssued()).isEqualTo(1);
    }

    @Test
    void aTokenCloseToItsExpiryIsReplacedBeforeTheNextRequest() {
        upstream.googleTokens().tokenLifetime(Duration.ofSeconds(30)); // inside the gateway's refresh margin
        startGateway(account.file());

        assertThat(ClientWire.GEMINI.chat(gateway, "gemini", "hi", false).statusCode()).isEqualTo(200);
        assertThat(ClientWire.GEMINI.chat(gateway, "gemini", "again", false).statusCode()).isEqualTo(200);

        assertThat(upstream.googleTokens().tokensIssued()).isEqualTo(2);
        assertThat(upstream.requests()).extracting(VertexAiTest::bearer)
                .containsExactly("Bearer ya29.mock-1", "Bearer ya29.mock-2");
    }

    @Test
    void claudeGetsAnthropicsBodyWithoutModelAndWithVertexsVersionAtRawPredict() {
        startGateway(account.file());

        HttpResponse<String> response = claude("""
                {"model":"claude","max_tokens":64,"system":[{"type":"text","text":"Be brief.",
                 "cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"hi"}]}""",
                "anthropic-beta", "prompt-caching-2024-07-31");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(response.body()).path("type").asString()).isEqualTo("message");
        RecordedRequest sent = upstream.lastRequest().orElseThrow();
        assertThat(sent.path()).isEqualTo(CLAUDE_PATH);
        assertThat(sent.json().has("model")).isFalse();
        assertThat(sent.json().path("anthropic_version").asString()).isEqualTo("vertex-2023-10-16");
        assertThat(sent.json().path("system").get(0).path("cache_control"))
                .isEqualTo(Json.MAPPER.readTree("{\"type\":\"ephemeral\"}"));
        assertThat(sent.header("anthropic-beta")).contains("prompt-caching-2024-07-31");
        assertThat(sent.header("anthropic-version")).isEmpty();
    }

    @Test
    void claudeStreamsThroughStreamRawPredict() {
        startGateway(account.file());
        upstream.setDefault(Behavior.reply("one two three"));

        HttpResponse<String> response = ClientWire.ANTHROPIC.chat(gateway, "claude", "count", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("event: message_stop").contains("three");
        assertThat(upstream.lastRequest().orElseThrow().path()).endsWith(":streamRawPredict");
    }

    @Test
    void aGeminiClientsBodyIsRelayedToVertexUnchanged() {
        startGateway(account.file());
        String body = """
                {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"temperature":0.2}}""";

        HttpResponse<String> response = gateway.post(ClientWire.geminiPath("gemini", true, true), body,
                "x-goog-api-key", Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest sent = upstream.lastRequest().orElseThrow();
        assertThat(sent.path()).isEqualTo("/v1/projects/mock-project/locations/europe-west1/publishers/google/models/"
                + "gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(sent.json()).isEqualTo(Json.MAPPER.readTree(body));
    }

    @Test
    void textEmbeddingModelsEmbedABatchInOnePredict() {
        startGateway(account.file());

        CreateEmbeddingResponse response = gateway.sdk().embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding").inputOfArrayOfStrings(List.of("one", "two", "three")).dimensions(4).build());

        assertThat(response.data()).hasSize(3).allSatisfy(e -> assertThat(e.embedding()).hasSize(4));
        assertThat(response.usage().promptTokens()).isPositive();
        RecordedRequest sent = upstream.lastRequest().orElseThrow();
        assertThat(upstream.requests()).hasSize(1);
        assertThat(sent.path()).endsWith("/publishers/google/models/text-embedding-005:predict");
        assertThat(sent.json()).isEqualTo(Json.MAPPER.readTree("""
                {"instances":[{"content":"one"},{"content":"two"},{"content":"three"}],
                 "parameters":{"outputDimensionality":4}}"""));
    }

    @Test
    void geminiEmbeddingSendsOneTextPerPredictAndKeepsTheInputOrder() {
        startGateway(account.file());

        CreateEmbeddingResponse batch = gateway.sdk().embeddings().create(EmbeddingCreateParams.builder()
                .model("gemini-embedding").inputOfArrayOfStrings(List.of("first", "second")).build());
        CreateEmbeddingResponse second = gateway.sdk().embeddings().create(EmbeddingCreateParams.builder()
                .model("gemini-embedding").input("second").build());

        assertThat(batch.data()).hasSize(2);
        assertThat(batch.data().get(1).embedding()).isEqualTo(second.data().getFirst().embedding());
        assertThat(upstream.requests()).hasSize(3)
                .allSatisfy(r -> assertThat(r.json().path("instances").size()).isEqualTo(1));
    }

    @Test
    void resourceExhaustedIsRateLimitedWithTheRetryDelay() {
        startGateway(account.file());
        upstream.setDefault(Behavior.status(429).withHeader("retry-after", "9"));

        HttpResponse<String> response = ClientWire.OPENAI.chat(gateway, "gemini", "hi", false);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("9");
    }

    @Test
    void permissionDeniedIsABadGatewayInTheClientsDialect() {
        startGateway(account.file());
        upstream.setDefault(Behavior.status(403).withBody("""
                {"error":{"code":403,"message":"Permission 'aiplatform.endpoints.predict' denied on resource.",
                 "status":"PERMISSION_DENIED"}}"""));

        HttpResponse<String> response = ClientWire.ANTHROPIC.chat(gateway, "claude", "hi", false);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(ClientWire.ANTHROPIC.error(Json.MAPPER.readTree(response.body())).path("type").asString())
                .isEqualTo("api_error");
    }

    @Test
    void credentialsTheTokenEndpointRefusesAreABadGatewayThatRevealsNoKey() throws Exception {
        Path untrusted = temp.resolve("untrusted");
        Files.createDirectories(untrusted);
        MockUpstream other = MockUpstream.start();
        try {
            // A key pair the mock behind the gateway never trusted, pointed at that mock's token endpoint.
            Path file = TestServiceAccount.create(other, untrusted).file();
            String key = Json.MAPPER.readTree(Files.readString(file)).path("private_key").asString();
            Files.writeString(file, Files.readString(file).replace(other.rootUrl(), upstream.rootUrl()));
            startGateway(file);

            HttpResponse<String> response = ClientWire.OPENAI.chat(gateway, "gemini", "hi", false);

            assertThat(response.statusCode()).isEqualTo(502);
            JsonNode error = ClientWire.OPENAI.error(Json.MAPPER.readTree(response.body()));
            assertThat(error.path("message").asString()).contains("gemini-vertex", "Vertex AI credentials");
            assertThat(upstream.requests()).isEmpty();
            String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
            assertThat(gateway.awaitLog("Could not get a Google access token")).doesNotContain(keyBody);
            assertThat(response.body()).doesNotContain(keyBody);
        } finally {
            other.close();
        }
    }
}
