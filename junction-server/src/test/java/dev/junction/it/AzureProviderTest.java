package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.ManualClock;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Azure OpenAI as an upstream: both URL schemes, both credentials, embeddings, the Responses API, Entra ID tokens
 * cached and refreshed on the gateway's clock, and a content-filter block falling back to another deployment. The
 * SDK matrix (the {@code AZURE} row of {@link DialectMatrix}) covers every client and scenario.
 */
class AzureProviderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "azure-key-0123456789abcdef";
    private static final String SECRET = "entra-secret-0123456789";
    private static MockUpstream upstream;
    private static ManualClock clock;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        upstream.expectEntraClientSecret(SECRET);
        clock = ManualClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String entra = "tenant_id: contoso, client_secret: %s, authority_url: %s".formatted(SECRET,
                upstream.entraAuthorityUrl());
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers:
                  azure-key: {base_url: %s, api_key: %s, platform: {type: azure}}
                  azure-v1: {base_url: %s, api_key: %s, platform: {type: azure, api: v1}}
                  azure-responses: {base_url: %s, api_key: %s, dialect: openai-responses, platform: {type: azure}}
                  azure-once: {base_url: %s, platform: {type: azure, client_id: once, %s}}
                  azure-expiry: {base_url: %s, platform: {type: azure, client_id: expiry, %s}}
                  azure-early: {base_url: %s, platform: {type: azure, client_id: early, %s}}
                  azure-crowd: {base_url: %s, platform: {type: azure, client_id: crowd, %s}}
                  azure-refused:
                    base_url: %s
                    platform: {type: azure, tenant_id: contoso, client_id: refused, client_secret: wrong-secret-0123456789,
                               authority_url: %s}
                routes:
                  by-key: {steps: [{provider: azure-key, model: gpt-4o-prod}]}
                  by-v1: {steps: [{provider: azure-v1, model: gpt-4o-prod}]}
                  by-responses: {steps: [{provider: azure-responses, model: gpt-5-prod}]}
                  embed: {steps: [{provider: azure-key, model: embed-small}]}
                  once: {steps: [{provider: azure-once, model: gpt-4o-prod}]}
                  expiry: {steps: [{provider: azure-expiry, model: gpt-4o-prod}]}
                  early: {steps: [{provider: azure-early, model: gpt-4o-prod}]}
                  crowd: {steps: [{provider: azure-crowd, model: gpt-4o-prod}]}
                  refused: {steps: [{provider: azure-refused, model: gpt-4o-prod}]}
                  strict: {steps: [{provider: azure-key, model: strict-deployment}], fallback: {content_policy: lenient}}
                  lenient: {steps: [{provider: azure-key, model: lenient-deployment}]}
                """.formatted(Gateway.KEY, upstream.azureBaseUrl(), KEY, upstream.azureBaseUrl(), KEY,
                upstream.azureBaseUrl(), KEY, upstream.azureBaseUrl(), entra, upstream.azureBaseUrl(), entra,
                upstream.azureBaseUrl(), entra, upstream.azureBaseUrl(), entra, upstream.azureBaseUrl(),
                upstream.entraAuthorityUrl()),
                Map.of(), clock);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
        gateway.server().health().resetAll();
    }

    private static ChatCompletion ask(String model) {
        return gateway.sdk().chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("Hello!").build());
    }

    private static RecordedRequest last() {
        return upstream.lastRequest().orElseThrow();
    }

    @Test
    void aDeploymentIsCalledByItsUrlWithTheApiVersionAndTheApiKeyHeader() {
        ChatCompletion completion = ask("by-key");

        assertThat(completion.choices().getFirst().message().content()).isPresent();
        assertThat(last().path()).isEqualTo("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21");
        assertThat(last().header("api-key")).contains(KEY);
        assertThat(last().header("authorization")).isEmpty();
    }

    @Test
    void theV1ApiNamesTheDeploymentInTheBody() {
        ask("by-v1");

        assertThat(last().path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(last().json().path("model").asString()).isEqualTo("gpt-4o-prod");
    }

    @Test
    void anOpenAiClientsStreamKeepsAzuresFilterResultsOnTheFastPath() {
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                "{\"model\":\"by-key\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"prompt_filter_results\"", "\"content_filter_results\"",
                "data: [DONE]");
    }

    @Test
    void embeddingsReachTheDeploymentsEmbeddingsPath() {
        CreateEmbeddingResponse response = gateway.sdk().embeddings().create(EmbeddingCreateParams.builder()
                .model("embed").input("hello").build());

        assertThat(response.data()).hasSize(1);
        assertThat(last().path()).isEqualTo("/openai/deployments/embed-small/embeddings?api-version=2024-10-21");
        assertThat(last().header("api-key")).contains(KEY);
    }

    @Test
    void theResponsesDialectIsCalledOnTheV1ResponsesPath() {
        HttpResponse<String> response = gateway.post("/v1/responses", "{\"model\":\"by-responses\",\"input\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(last().path()).isEqualTo("/openai/v1/responses");
        assertThat(last().json().path("model").asString()).isEqualTo("gpt-5-prod");
    }

    @Test
    void anEntraTokenIsFetchedOnceForManyRequestsAndSentAsABearer() {
        long before = upstream.entraTokenRequests();

        for (int i = 0; i < 4; i++) {
            ask("once");
        }

        assertThat(upstream.entraTokenRequests()).isEqualTo(before + 1);
        assertThat(upstream.requests()).hasSize(4).allSatisfy(request -> {
            assertThat(request.header("authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer "));
            assertThat(request.header("api-key")).isEmpty();
        });
    }

    @Test
    void concurrentFirstRequestsShareOneEntraTokenFetch() throws Exception {
        long before = upstream.entraTokenRequests();
        String body = "{\"model\":\"crowd\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var replies = new java.util.ArrayList<java.util.concurrent.Future<HttpResponse<String>>>();
            for (int i = 0; i < 8; i++) {
                replies.add(pool.submit(() -> gateway.post("/v1/chat/completions", body)));
            }
            for (var reply : replies) {
                assertThat(reply.get().statusCode()).isEqualTo(200);
            }
        }

        assertThat(upstream.entraTokenRequests()).isEqualTo(before + 1);
    }

    @Test
    void anExpiredEntraTokenIsReplacedBeforeTheNextRequest() {
        ask("expiry");
        long afterFirst = upstream.entraTokenRequests();
        String firstToken = last().header("authorization").orElseThrow();

        clock.advance(Duration.ofHours(1));
        ask("expiry");

        assertThat(upstream.entraTokenRequests()).isEqualTo(afterFirst + 1);
        assertThat(last().header("authorization")).isPresent().isNotEqualTo(java.util.Optional.of(firstToken));
    }

    @Test
    void aTokenCloseToExpiryIsStillSentWhileItsReplacementIsFetched() throws InterruptedException {
        ask("early");
        long afterFirst = upstream.entraTokenRequests();
        String firstToken = last().header("authorization").orElseThrow();

        clock.advance(Duration.ofSeconds(3599).minus(Duration.ofMinutes(2))); // inside the five minutes before expiry
        ask("early");

        assertThat(last().header("authorization")).contains(firstToken);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (upstream.entraTokenRequests() == afterFirst && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(upstream.entraTokenRequests()).isEqualTo(afterFirst + 1);
        ask("early");
        assertThat(last().header("authorization")).isPresent().isNotEqualTo(java.util.Optional.of(firstToken));
    }

    @Test
    void aRefusedEntraApplicationIsABadGatewayNamingTheProviderButNoSecret() {
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                "{\"model\":\"refused\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asString()).contains("azure-refused", "Entra", "invalid_client",
                "AADSTS7000215");
        assertThat(response.body()).doesNotContain("wrong-secret-0123456789");
        assertThat(gateway.logOutput()).doesNotContain("wrong-secret-0123456789");
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void aContentFilterBlockFallsBackToTheContentPolicyRoutesDeployment() throws Exception {
        String block = Files.readString(Path.of("..", "junction-core", "src", "test", "resources", "fixtures",
                "azure", "error.400.content-filter.json"));
        upstream.enqueue(Behavior.status(400).withBody(block));
        upstream.enqueue(Behavior.reply("A gentler answer."));

        ChatCompletion completion = ask("strict");

        assertThat(completion.choices().getFirst().message().content()).contains("A gentler answer.");
        assertThat(upstream.requests()).extracting(RecordedRequest::path).containsExactly(
                "/openai/deployments/strict-deployment/chat/completions?api-version=2024-10-21",
                "/openai/deployments/lenient-deployment/chat/completions?api-version=2024-10-21");
    }

    @Test
    void aContentFilterBlockWithoutAFallbackIsTheClientsBadRequest() throws Exception {
        String block = Files.readString(Path.of("..", "junction-core", "src", "test", "resources", "fixtures",
                "azure", "error.400.content-filter.json"));
        upstream.enqueue(Behavior.status(400).withBody(block));

        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                "{\"model\":\"by-key\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("content_policy_violation");
        assertThat(error.path("message").asString()).contains("violence (medium)");
    }
}
