package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.DialectMatrix.Upstream;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Errors reach Anthropic and Gemini clients in their own envelope, with the status their SDKs map to the right
 * exception: unknown models, unreadable and invalid bodies, oversized bodies, unknown paths and overloaded upstreams.
 */
class ClientErrorShapeTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix(
            "server: {host: 127.0.0.1, port: 0, max_body_size: 16KB, drain_timeout: 2s}", "");

    private static final String CONTENTS = """
            {"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""";

    private static HttpResponse<String> messages(String body) {
        return ENV.gateway().post("/v1/messages", body, "x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01");
    }

    private static HttpResponse<String> gemini(String path, String body) {
        return ENV.gateway().post(path, body, "x-goog-api-key", Gateway.KEY);
    }

    /** The Anthropic envelope: exactly {@code type} and {@code error: {type, message}}; returns the message. */
    private static String anthropicError(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("type").asString()).isEqualTo("error");
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("type", "error");
        assertThat(body.get("error").propertyNames()).containsExactlyInAnyOrder("type", "message");
        assertThat(body.at("/error/type").asString()).isEqualTo(type);
        return body.at("/error/message").asString();
    }

    /** Google's envelope: {@code error: {code, message, status}} with the code equal to the HTTP status. */
    private static String googleError(HttpResponse<String> response, int status, String statusName) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.propertyNames()).containsExactly("error");
        assertThat(body.get("error").propertyNames()).containsAll(Set.of("code", "message", "status"));
        assertThat(body.at("/error/code").asInt()).isEqualTo(status);
        assertThat(body.at("/error/status").asString()).isEqualTo(statusName);
        return body.at("/error/message").asString();
    }

    @Test
    void anthropicClientAskingForAnUnknownModelGetsNotFoundError() {
        String message = anthropicError(messages("""
                {"model":"no-such-model","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""),
                404, "not_found_error");

        assertThat(message).contains("no-such-model");
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @Test
    void geminiClientAskingForAnUnknownModelGetsNotFound() {
        String message = googleError(gemini("/v1beta/models/no-such-model:generateContent", CONTENTS),
                404, "NOT_FOUND");

        assertThat(message).contains("no-such-model");
    }

    @Test
    void anthropicClientSendingMalformedJsonGetsInvalidRequestError() {
        anthropicError(messages("{\"model\": "), 400, "invalid_request_error");
    }

    @Test
    void geminiClientSendingMalformedJsonGetsInvalidArgument() {
        googleError(gemini("/v1beta/models/to-gemini:generateContent", "{\"contents\": "), 400, "INVALID_ARGUMENT");
    }

    @Test
    void anthropicClientWithoutMaxTokensGetsAnErrorNamingTheField() {
        String message = anthropicError(messages("""
                {"model":"to-anthropic","messages":[{"role":"user","content":"hi"}]}"""),
                400, "invalid_request_error");

        assertThat(message).contains("max_tokens");
    }

    @Test
    void anthropicClientIsToldNotToRetryAnInvalidRequest() {
        HttpResponse<String> response = messages("{\"model\":\"to-anthropic\",\"messages\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-should-retry")).contains("false");
    }

    @Test
    void anthropicClientMayRetryAnOverloadedUpstream() {
        ENV.upstream().setDefault(Behavior.status(529).withHeader("retry-after", "3"));

        HttpResponse<String> response = ClientWire.ANTHROPIC.chat(ENV.gateway(), "to-anthropic", "hi", false);

        assertThat(response.statusCode()).isEqualTo(529);
        assertThat(response.headers().firstValue("x-should-retry")).isEmpty();
        assertThat(response.headers().firstValue("retry-after")).contains("3");
    }

    @Test
    void anthropicClientWithATextTemperatureGetsAnErrorNamingTheField() {
        String message = anthropicError(messages("""
                {"model":"to-anthropic","max_tokens":16,"temperature":"hot",
                 "messages":[{"role":"user","content":"hi"}]}"""), 400, "invalid_request_error");

        assertThat(message).contains("temperature");
    }

    @Test
    void geminiClientWithoutContentsGetsAnErrorNamingTheField() {
        String message = googleError(gemini("/v1beta/models/to-gemini:generateContent", "{}"),
                400, "INVALID_ARGUMENT");

        assertThat(message).contains("contents");
    }

    @Test
    void geminiClientWithATextTemperatureGetsAnErrorNamingTheField() {
        String message = googleError(gemini("/v1beta/models/to-gemini:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"temperature":"hot"}}"""),
                400, "INVALID_ARGUMENT");

        assertThat(message).contains("temperature");
    }

    @Test
    void anthropicClientSendingTooLargeABodyGetsRequestTooLarge() {
        anthropicError(messages("""
                {"model":"to-anthropic","max_tokens":16,"messages":[{"role":"user","content":"%s"}]}"""
                .formatted("x".repeat(20_000))), 413, "request_too_large");
    }

    @Test
    void geminiClientSendingTooLargeABodyGets413InGoogleShape() {
        googleError(gemini("/v1beta/models/to-gemini:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"%s"}]}]}""".formatted("x".repeat(20_000))),
                413, "INVALID_ARGUMENT");
    }

    @Test
    void unknownPathUnderV1betaIsNotFoundInGoogleShape() {
        String message = googleError(ENV.gateway().get("/v1beta/files", "x-goog-api-key", Gateway.KEY),
                404, "NOT_FOUND");

        assertThat(message).contains("/v1beta/files");
    }

    @Test
    void unknownMethodOnAGeminiModelIsNotFoundInGoogleShape() {
        String message = googleError(gemini("/v1beta/models/to-gemini:predict", CONTENTS), 404, "NOT_FOUND");

        assertThat(message).contains("predict");
    }

    @Test
    void unknownPathUnderV1MessagesIsNotFoundInAnthropicShape() {
        String message = anthropicError(ENV.gateway().post("/v1/messages/batches", "{\"requests\":[]}",
                "x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01"), 404, "not_found_error");

        assertThat(message).contains("/v1/messages/batches");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void overloadedUpstreamIsOverloadedErrorWith529ForAnthropicClients(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.status(upstream == Upstream.ANTHROPIC ? 529 : 503));

        anthropicError(ClientWire.ANTHROPIC.chat(ENV.gateway(), upstream.model, "hi", false), 529, "overloaded_error");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void overloadedUpstreamIsUnavailableWith503ForGeminiClients(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.status(upstream == Upstream.ANTHROPIC ? 529 : 503));

        googleError(ClientWire.GEMINI.chat(ENV.gateway(), upstream.model, "hi", false), 503, "UNAVAILABLE");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void overloadedUpstreamIs503ForOpenAiClients(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.status(upstream == Upstream.ANTHROPIC ? 529 : 503));

        HttpResponse<String> response = ClientWire.OPENAI.chat(ENV.gateway(), upstream.model, "hi", false);

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("type").asString()).isEqualTo("service_unavailable");
        assertThat(error.path("message").asString()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(ClientWire.class)
    void overloadedUpstreamBeforeAStreamStartsIsAPlainErrorReply(ClientWire client) {
        ENV.upstream().setDefault(Behavior.status(529));

        HttpResponse<String> response = client.chat(ENV.gateway(), Upstream.ANTHROPIC.model, "hi", true);

        assertThat(response.statusCode()).isEqualTo(client == ClientWire.ANTHROPIC ? 529 : 503);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        assertThat(client.error(Json.MAPPER.readTree(response.body())).path("message").asString()).isNotBlank();
    }
}
