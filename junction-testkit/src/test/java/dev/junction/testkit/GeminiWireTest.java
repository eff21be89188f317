package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The Gemini wire details the SDK does not show: validation, framing, signatures, errors, metadata endpoints. */
@Timeout(10)
class GeminiWireTest extends MockUpstreamTestBase {

    private static final String WEATHER_ARGS = "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}";

    @Test
    void geminiBaseUrlPointsAtTheV1betaPrefix() {
        assertThat(mock.geminiBaseUrl()).isEqualTo("http://127.0.0.1:" + mock.port() + "/v1beta");
    }

    @Test
    void missingContentsGets400InvalidArgumentWithoutConsumingABehaviour() {
        mock.enqueue(Behavior.reply("still queued"));

        HttpResponse<String> response = send(":generateContent", WireClient.JSON.createObjectNode());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(WireClient.parse(response.body())).isEqualTo(WireClient.parse("""
                {"error":{"code":400,"message":"* GenerateContentRequest.contents: contents is not specified\\n",
                          "status":"INVALID_ARGUMENT"}}"""));
        assertThat(text(send(":generateContent", WireDialect.gemini("hi")))).isEqualTo("still queued");
    }

    @Test
    void sseStreamSeparatesChunksWithCrlfAndRepeatsCumulativeUsage() {
        mock.enqueue(Behavior.reply("one two three"));

        HttpResponse<String> response = send(":streamGenerateContent?alt=sse", WireDialect.gemini("hi"));

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.body()).endsWith("}\r\n\r\n");
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : response.body().split("\r\n\r\n")) {
            assertThat(event).startsWith("data: ");
            chunks.add(WireClient.parse(event.substring("data: ".length())));
        }
        assertThat(chunks).extracting(chunk -> chunk.path("usageMetadata").path("candidatesTokenCount").intValue())
                .containsExactly(1, 2, 3);
        assertThat(chunks).extracting(chunk -> chunk.path("candidates").path(0).has("finishReason"))
                .containsExactly(false, false, true);
    }

    @Test
    void streamWithoutAltSseIsOneJsonArrayOfChunks() {
        mock.enqueue(Behavior.reply("one two"));

        HttpResponse<String> response = send(":streamGenerateContent", WireDialect.gemini("hi"));

        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
        JsonNode array = WireClient.parse(response.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        assertThat(array.path(1).path("candidates").path(0).path("finishReason").stringValue()).isEqualTo("STOP");
    }

    @Test
    void errorAfterEventsEndsTheJsonArrayWithAnErrorElement() {
        mock.enqueue(Behavior.reply("one two three").errorAfterEvents(1));

        JsonNode array = WireClient.parse(send(":streamGenerateContent", WireDialect.gemini("hi")).body());

        assertThat(array).hasSize(2);
        assertThat(array.path(1).path("error").path("status").stringValue()).isEqualTo("INTERNAL");
    }

    @Test
    void errorAfterEventsSendsAnErrorChunkOnSse() {
        mock.enqueue(Behavior.reply("one two three").errorAfterEvents(1));

        String[] events = send(":streamGenerateContent?alt=sse", WireDialect.gemini("hi")).body().split("\r\n\r\n");

        assertThat(events).hasSize(2);
        assertThat(WireClient.parse(events[1].substring("data: ".length())).path("error").path("code").intValue())
                .isEqualTo(500);
    }

    @Test
    void rateLimitWithRetryAfterCarriesARetryInfoDetail() {
        mock.enqueue(Behavior.status(429).withHeader("Retry-After", "7"));

        HttpResponse<String> response = send(":generateContent", WireDialect.gemini("hi"));

        JsonNode error = WireClient.parse(response.body()).path("error");
        assertThat(error.path("code").intValue()).isEqualTo(429);
        assertThat(error.path("status").stringValue()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.path("details")).containsExactly(WireClient.parse(
                "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"7s\"}"));
        assertThat(response.headers().firstValue("retry-after")).hasValue("7");
    }

    @Test
    void statusOnTheJsonArrayStreamIsWrappedInAnArray() {
        mock.enqueue(Behavior.status(503));

        HttpResponse<String> response = send(":streamGenerateContent", WireDialect.gemini("hi"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(WireClient.parse(response.body()).path(0).path("error").path("status").stringValue()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void signedFunctionCallReplayedWithoutItsSignatureGets400() {
        mock.enqueue(Behavior.toolCalls(new ToolCall("call_1", "get_weather", WEATHER_ARGS)).withThinking("Need weather."));
        send(":generateContent", WireDialect.gemini("Weather?"));

        HttpResponse<String> replay = send(":generateContent", toolConversation(null));

        assertThat(replay.statusCode()).isEqualTo(400);
        JsonNode error = WireClient.parse(replay.body()).path("error");
        assertThat(error.path("status").stringValue()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").stringValue()).startsWith("Function call is missing a thought_signature");
    }

    @Test
    void signedFunctionCallReplayedWithAnotherSignatureGets400() {
        mock.enqueue(Behavior.toolCalls(new ToolCall("call_1", "get_weather", WEATHER_ARGS)).withThinking("Need weather."));
        send(":generateContent", WireDialect.gemini("Weather?"));

        HttpResponse<String> replay = send(":generateContent", toolConversation("b3RoZXI="));

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(WireClient.parse(replay.body()).path("error").path("message").stringValue())
                .isEqualTo("Corrupted thought signature.");
    }

    @Test
    void signedFunctionCallReplayedWithItsSignatureIsAcceptedAndEchoSkipsTheFunctionResponse() {
        mock.enqueue(Behavior.toolCalls(new ToolCall("call_1", "get_weather", WEATHER_ARGS)).withThinking("Need weather."));
        JsonNode first = WireClient.parse(send(":generateContent", WireDialect.gemini("Weather?")).body());
        JsonNode parts = first.path("candidates").path(0).path("content").path("parts");
        assertThat(parts.path(0).path("thought").booleanValue()).isTrue();
        String signature = parts.path(1).path("thoughtSignature").stringValue();

        HttpResponse<String> replay = send(":generateContent", toolConversation(signature));

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(text(replay)).isEqualTo("Hello from mock upstream: Weather?");
    }

    @Test
    void unsignedFunctionCallsNeedNoSignature() {
        assertThat(send(":generateContent", toolConversation(null)).statusCode()).isEqualTo(200);
    }

    @Test
    void batchEmbedContentsGivesOneVectorPerRequestOfTheAskedDimension() {
        ObjectNode body = WireClient.JSON.createObjectNode();
        ArrayNode requests = body.putArray("requests");
        for (String text : new String[] {"a", "b"}) {
            ObjectNode request = requests.addObject().put("model", "models/gemini-embedding-001").put("outputDimensionality", 4);
            request.putObject("content").putArray("parts").addObject().put("text", text);
        }

        HttpResponse<String> response = client.send(WireDialect.post(
                mock.geminiBaseUrl() + "/models/gemini-embedding-001:batchEmbedContents", body).build());

        JsonNode embeddings = WireClient.parse(response.body()).path("embeddings");
        assertThat(embeddings).hasSize(2);
        assertThat(embeddings.path(0).path("values")).hasSize(4);
        assertThat(embeddings.path(0).path("values")).isNotEqualTo(embeddings.path(1).path("values"));
    }

    @Test
    void modelsAreListedAndFetchedInGooglesShape() {
        JsonNode list = WireClient.parse(get("/models").body());
        JsonNode one = WireClient.parse(get("/models/gemini-2.5-flash").body());

        assertThat(list.path("models").path(0).path("name").stringValue()).isEqualTo("models/mock-model");
        assertThat(one.path("name").stringValue()).isEqualTo("models/gemini-2.5-flash");
        assertThat(one.path("supportedGenerationMethods")).contains(WireClient.JSON.getNodeFactory().stringNode("generateContent"));
    }

    @Test
    void unknownMethodGets404NotFound() {
        HttpResponse<String> response = send(":summarizeContent", WireDialect.gemini("hi"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(WireClient.parse(response.body()).path("error").path("status").stringValue()).isEqualTo("NOT_FOUND");
    }

    /** User asks, model calls get_weather (with this signature, or none), user answers with the function response. */
    private static ObjectNode toolConversation(String signature) {
        ObjectNode body = WireDialect.gemini("Weather?");
        ArrayNode contents = (ArrayNode) body.path("contents");
        ObjectNode call = contents.addObject().put("role", "model").putArray("parts").addObject();
        call.putObject("functionCall").put("name", "get_weather").set("args", WireClient.parse(
                "{\"unit\":\"celsius\",\"location\":\"Paris, France\"}")); // another key order: same call
        if (signature != null) {
            call.put("thoughtSignature", signature);
        }
        contents.addObject().put("role", "user").putArray("parts").addObject().putObject("functionResponse")
                .put("name", "get_weather").putObject("response").put("result", "15C");
        return body;
    }

    private static HttpResponse<String> send(String method, JsonNode body) {
        return client.send(WireDialect.post(mock.geminiBaseUrl() + "/models/gemini-2.5-flash" + method, body).build());
    }

    private static HttpResponse<String> get(String path) {
        return client.send(HttpRequest.newBuilder(URI.create(mock.geminiBaseUrl() + path)).GET().build());
    }

    private static String text(HttpResponse<String> response) {
        return WireDialect.GEMINI.text(WireClient.parse(response.body()));
    }
}
