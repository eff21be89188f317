package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gateway keys on the Anthropic and Gemini endpoints: each accepts the key the way its own SDK sends it, and a
 * missing or wrong key is a 401 in the caller's error envelope. Gemini's {@code ?key=} never reaches a log.
 */
class ClientAuthTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    private static final String MESSAGES = """
            {"model":"to-anthropic","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""";
    private static final String CONTENTS = """
            {"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""";
    private static final String GENERATE = "/v1beta/models/to-gemini:generateContent";

    private static JsonNode json(HttpResponse<String> response) {
        return Json.MAPPER.readTree(response.body());
    }

    private static void assertAnthropicAuthenticationError(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = json(response);
        String message = body.at("/error/message").asString("");
        assertThat(message).isNotBlank();
        ObjectNode expected = Json.object().put("type", "error");
        expected.putObject("error").put("type", "authentication_error").put("message", message);
        assertThat(body).isEqualTo(expected);
    }

    private static void assertGoogleUnauthenticated(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = json(response);
        String message = body.at("/error/message").asString("");
        assertThat(message).isNotBlank();
        ObjectNode expected = Json.object();
        expected.putObject("error").put("code", 401).put("message", message).put("status", "UNAUTHENTICATED");
        assertThat(body).isEqualTo(expected);
    }

    @Test
    void messagesAcceptTheKeyInTheXApiKeyHeader() {
        HttpResponse<String> response = ENV.gateway().post("/v1/messages", MESSAGES,
                "x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("type").asString()).isEqualTo("message");
    }

    @Test
    void messagesAcceptTheKeyAsABearerToken() {
        HttpResponse<String> response = ENV.gateway().post("/v1/messages", MESSAGES,
                "authorization", "Bearer " + Gateway.KEY, "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("type").asString()).isEqualTo("message");
    }

    @Test
    void messagesWithoutAKeyAreAnAnthropicAuthenticationError() {
        assertAnthropicAuthenticationError(ENV.gateway().post("/v1/messages", MESSAGES,
                "anthropic-version", "2023-06-01"));
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @Test
    void messagesWithAWrongKeyAreAnAnthropicAuthenticationError() {
        assertAnthropicAuthenticationError(ENV.gateway().post("/v1/messages", MESSAGES,
                "x-api-key", "jk-wrong-key", "anthropic-version", "2023-06-01"));
    }

    @Test
    void tokenCountingWithAWrongBearerTokenIsAnAnthropicAuthenticationError() {
        assertAnthropicAuthenticationError(ENV.gateway().post("/v1/messages/count_tokens", MESSAGES,
                "authorization", "Bearer jk-wrong-key", "anthropic-version", "2023-06-01"));
    }

    @Test
    void modelListWithAnthropicVersionAndAWrongKeyIsAnAnthropicAuthenticationError() {
        assertAnthropicAuthenticationError(ENV.gateway().get("/v1/models",
                "x-api-key", "jk-wrong-key", "anthropic-version", "2023-06-01"));
    }

    @Test
    void geminiAcceptsTheKeyInTheXGoogApiKeyHeader() {
        HttpResponse<String> response = ENV.gateway().post(GENERATE, CONTENTS, "x-goog-api-key", Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).has("candidates")).isTrue();
    }

    @Test
    void geminiAcceptsTheKeyAsAQueryParameter() {
        HttpResponse<String> response = ENV.gateway().post(GENERATE + "?key=" + Gateway.KEY, CONTENTS,
                "x-none", "1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).has("candidates")).isTrue();
    }

    @Test
    void geminiWithoutAKeyIsUnauthenticatedInGoogleShape() {
        assertGoogleUnauthenticated(ENV.gateway().post(GENERATE, CONTENTS, "x-none", "1"));
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @Test
    void geminiWithAWrongHeaderKeyIsUnauthenticatedInGoogleShape() {
        assertGoogleUnauthenticated(ENV.gateway().post(GENERATE, CONTENTS, "x-goog-api-key", "AIza-wrong"));
    }

    @Test
    void geminiWithAWrongQueryKeyIsUnauthenticatedInGoogleShape() {
        assertGoogleUnauthenticated(ENV.gateway().post(GENERATE + "?key=AIza-wrong", CONTENTS, "x-none", "1"));
    }

    @Test
    void geminiModelListWithoutAKeyIsUnauthenticatedInGoogleShape() {
        assertGoogleUnauthenticated(ENV.gateway().get("/v1beta/models"));
    }

    @Test
    void theKeyQueryParameterIsNotAcceptedOnOpenAiEndpoints() {
        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions?key=" + Gateway.KEY, """
                {"model":"to-openai","messages":[{"role":"user","content":"hi"}]}""", "x-none", "1");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).at("/error/code").asString()).isEqualTo("invalid_api_key");
    }

    @Test
    void theKeyQueryParameterNeverReachesTheLog() {
        String wrong = "AIza-wrong-query-key-4711";
        HttpResponse<String> accepted = ENV.gateway().post(GENERATE + "?key=" + Gateway.KEY, CONTENTS, "x-none", "1");
        HttpResponse<String> rejected = ENV.gateway().post(GENERATE + "?key=" + wrong, CONTENTS, "x-none", "1");

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(rejected.statusCode()).isEqualTo(401);
        ENV.gateway().awaitLog(accepted.headers().firstValue("x-request-id").orElseThrow());
        String logs = ENV.gateway().awaitLog(rejected.headers().firstValue("x-request-id").orElseThrow());
        assertThat(logs).contains(":generateContent").doesNotContain(Gateway.KEY).doesNotContain(wrong)
                .doesNotContain("key=");
    }
}
