package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The gateway's HTTP surface seen with a plain HTTP client: auth, ids, limits, errors, rewrites, redaction. */
class HttpSurfaceTest {

    private static final String CONFIG = """
            server: {host: 127.0.0.1, port: 0, max_body_size: 4KB, drain_timeout: 2s}
            providers:
              openai:
                params:
                  drop: [logit_bias]
                  conflicts: [{when: tools, drop: [response_format]}]
            routes:
              tuned:
                steps:
                  - provider: openai
                    model: gpt-4o-mini
                    params: {set: {temperature: 0.2}, defaults: {max_tokens: 64}}
            """;

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension(CONFIG);

    private static JsonNode json(HttpResponse<String> response) {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void healthNeedsNoKey() {
        HttpResponse<String> response = ENV.gateway().get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asString()).isEqualTo("ok");
    }

    /**
     * The JDK's client asks for an h2c upgrade on cleartext; when it opens several connections at once, Vert.x's
     * upgrade path used to cut responses larger than 64 KiB. Cleartext is HTTP/1.1, so every body arrives whole.
     */
    @Test
    void largeAnswersArriveWholeToClientsThatAskForAnHttp2Upgrade() {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                all.add(client.sendAsync(HttpRequest.newBuilder(URI.create(ENV.gateway().baseUrl()
                        + "/api/admin/openapi.json")).build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> responses = all.stream().map(CompletableFuture::join).toList();

            assertThat(responses).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
                assertThat(r.body().length()).isGreaterThan(65_536);
                assertThat(Json.tryParse(r.body())).isPresent();
            });
        }
    }

    @Test
    void readinessReportsReady() {
        assertThat(ENV.gateway().get("/ready").statusCode()).as(ENV.gateway().get("/ready").body()).isEqualTo(200);
    }

    @Test
    void missingKeyIsRejectedInOpenAiShape() {
        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", "{}", "x-none", "1");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asString()).isEqualTo("invalid_api_key");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("type")).isTrue();
    }

    @Test
    void keyIsAcceptedInTheXApiKeyHeader() {
        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions",
                "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void clientRequestIdIsEchoed() {
        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions",
                "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization", "Bearer " + Gateway.KEY, "x-request-id", "trace-42");

        assertThat(response.headers().firstValue("x-request-id")).contains("trace-42");
    }

    @Test
    void requestIdIsGeneratedWhenAbsent() {
        HttpResponse<String> response = ENV.gateway().get("/health");

        assertThat(response.headers().firstValue("x-request-id").orElseThrow()).matches("req_[0-9a-f]{24}");
    }

    @Test
    void malformedJsonIsABadRequest() {
        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", "{\"model\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/type").asString()).isEqualTo("invalid_request_error");
    }

    @Test
    void badFieldNamesTheParameter() {
        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions",
                "{\"model\":\"mock/echo\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/param").asString()).isEqualTo("temperature");
    }

    @Test
    void modelNameWithControlCharactersIsABadRequest() {
        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions",
                "{\"model\":\"openai/x\\r\\nx-evil: 1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/param").asString()).isEqualTo("model");
        assertThat(response.headers().firstValue("x-evil")).isEmpty();
    }

    @Test
    void emptyMessagesIsABadRequest() {
        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", "{\"model\":\"mock/echo\",\"messages\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("empty_array");
    }

    @Test
    void bodyOverTheLimitIsTooLarge() {
        String big = "x".repeat(5000);
        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions",
                "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("request_too_large");
    }

    @Test
    void unknownPathIsNotFoundInOpenAiShape() {
        HttpResponse<String> response = ENV.gateway().get("/v1/nothing-here", "authorization", "Bearer " + Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/message").asString()).contains("/v1/nothing-here");
    }

    @Test
    void parameterRulesRewriteTheUpstreamBodyAndReportDrops() {
        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", """
                {"model":"tuned","temperature":0.9,"logit_bias":{"50256":-100},
                 "response_format":{"type":"json_object"},
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                 "messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = ENV.upstream().lastRequest().orElseThrow().json();
        assertThat(sent.has("logit_bias")).isFalse();
        assertThat(sent.has("response_format")).isFalse();
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(sent.get("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(response.headers().firstValue("x-junction-dropped")).contains("logit_bias,response_format");
    }

    @Test
    void upstreamCredentialErrorsNeverLeakTheKey() {
        ENV.upstream().enqueue(Behavior.status(401).withBody("""
                {"error":{"message":"Incorrect API key provided: sk-upstream-secret-abcdef123456.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions",
                "{\"model\":\"openai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).as("the gateway's credentials are not the client's fault").isEqualTo(502);
        assertThat(response.body()).doesNotContain("sk-upstream-secret").contains("[redacted]");
        String logs = ENV.gateway().awaitLog(response.headers().firstValue("x-request-id").orElseThrow());
        assertThat(logs).doesNotContain("sk-upstream-secret").doesNotContain(Gateway.KEY);
    }

    @Test
    void requestLogLineCarriesTheRequestFacts() {
        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions",
                "{\"model\":\"openai/gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String id = response.headers().firstValue("x-request-id").orElseThrow();

        String line = ENV.gateway().awaitLog(id).lines().filter(l -> l.contains(id)).findFirst().orElseThrow();
        JsonNode entry = Json.MAPPER.readTree(line);
        assertThat(entry.get("key").asString()).isEqualTo("tests");
        assertThat(entry.get("model").asString()).isEqualTo("openai/gpt-4o");
        assertThat(entry.get("provider").asString()).isEqualTo("openai");
        assertThat(entry.get("upstream_model").asString()).isEqualTo("gpt-4o");
        assertThat(entry.get("status").asInt()).isEqualTo(200);
        assertThat(entry.get("tokens_out").asLong()).isPositive();
        assertThat(entry.get("attempts").asInt()).isEqualTo(1);
        assertThat(entry.has("latency_ms")).isTrue();
        assertThat(entry.has("ttfb_ms")).isTrue();
    }

    @Test
    void completeUpstreamReplyToAStreamingRequestIsStreamedToTheClient() {
        ENV.upstream().enqueue(Behavior.fixture("../junction-core/src/test/resources/fixtures/openai-chat/response.basic.json", 200, "application/json"));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions",
                "{\"model\":\"openai/gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(response.body()).startsWith("data: ").endsWith("data: [DONE]\n\n");
    }
}
