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

/** The Anthropic wire details the SDK does not show: validation, exact event sequence, signatures, errors. */
@Timeout(10)
class AnthropicWireTest extends MockUpstreamTestBase {

    @Test
    void missingAnthropicVersionHeaderGets400WithoutConsumingABehaviour() {
        mock.enqueue(Behavior.reply("still queued"));

        HttpResponse<String> response = client.send(WireDialect.post(mock.baseUrl() + "/messages",
                WireDialect.anthropic("hi")).build());

        assertError(response, 400, "invalid_request_error", "anthropic-version: header is required");
        assertThat(WireDialect.ANTHROPIC.text(post(WireDialect.anthropic("hi")))).isEqualTo("still queued");
    }

    @Test
    void invalidBodiesGet400InvalidRequestErrorsNamingTheField() {
        ObjectNode noMaxTokens = WireDialect.anthropic("hi");
        noMaxTokens.remove("max_tokens");
        ObjectNode textMaxTokens = WireDialect.anthropic("hi").put("max_tokens", "many");
        ObjectNode noModel = WireDialect.anthropic("hi");
        noModel.remove("model");
        ObjectNode noMessages = WireDialect.anthropic("hi");
        noMessages.remove("messages");

        assertError(send(noMaxTokens.toString()), 400, "invalid_request_error", "max_tokens: Field required");
        assertError(send(textMaxTokens.toString()), 400, "invalid_request_error", "max_tokens: Input should be a valid integer");
        assertError(send(noModel.toString()), 400, "invalid_request_error", "model: Field required");
        assertError(send(noMessages.toString()), 400, "invalid_request_error", "messages: Field required");
        assertThat(WireClient.parse(send("{not json").body()).path("error").path("type").stringValue())
                .isEqualTo("invalid_request_error");
    }

    @Test
    void streamSendsTheExactAnthropicEventSequence() {
        mock.enqueue(Behavior.reply("Hi there"));

        List<String> names = eventNames(sendStream(WireDialect.anthropic("hi")).body());

        assertThat(names).containsExactly("message_start", "content_block_start", "ping", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
    }

    @Test
    void streamedThinkingUsesThinkingDeltasThenOneSignatureDeltaBeforeTheText() {
        mock.enqueue(Behavior.reply("Four.").withThinking("two plus two"));

        String body = sendStream(WireDialect.anthropic("hi")).body();

        List<String> deltaTypes = dataOf(body).stream()
                .filter(event -> event.path("type").stringValue().equals("content_block_delta"))
                .map(event -> event.path("index").intValue() + ":" + event.path("delta").path("type").stringValue())
                .toList();
        assertThat(deltaTypes).containsExactly("0:thinking_delta", "0:thinking_delta", "0:thinking_delta",
                "0:signature_delta", "1:text_delta");
        JsonNode messageDelta = dataOf(body).get(dataOf(body).size() - 2);
        assertThat(messageDelta.path("delta").path("stop_reason").stringValue()).isEqualTo("end_turn");
        assertThat(messageDelta.path("usage").path("output_tokens").intValue()).isEqualTo(4);
    }

    @Test
    void streamedToolInputArrivesInSeveralFragmentsAfterAnEmptyOne() {
        mock.enqueue(Behavior.toolCalls());

        List<String> fragments = dataOf(sendStream(WireDialect.anthropic("hi")).body()).stream()
                .filter(event -> event.path("delta").path("type").asString("").equals("input_json_delta")
                        && event.path("index").intValue() == 0)
                .map(event -> event.path("delta").path("partial_json").stringValue())
                .toList();

        assertThat(fragments.getFirst()).isEmpty();
        assertThat(fragments).hasSizeGreaterThan(3);
        assertThat(WireClient.parse(String.join("", fragments)))
                .isEqualTo(WireClient.parse("{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"));
    }

    @Test
    void errorAfterEventsSendsAnErrorEventInsteadOfMessageStop() {
        mock.enqueue(Behavior.ok().errorAfterEvents(3));

        String body = sendStream(WireDialect.anthropic("hi")).body();

        assertThat(eventNames(body)).containsExactly("message_start", "content_block_start", "ping", "error");
        assertThat(dataOf(body).getLast()).isEqualTo(WireClient.parse("""
                {"type":"error","error":{"details":null,"type":"overloaded_error","message":"Overloaded"}}"""));
    }

    @Test
    void statusBehavioursSendAnthropicsErrorTypeForEachStatus() {
        int[] statuses = {400, 401, 403, 404, 413, 429, 500, 504, 529};
        String[] types = {"invalid_request_error", "authentication_error", "permission_error", "not_found_error",
            "request_too_large", "rate_limit_error", "api_error", "timeout_error", "overloaded_error"};
        for (int i = 0; i < statuses.length; i++) {
            mock.enqueue(Behavior.status(statuses[i]));

            HttpResponse<String> response = send(WireDialect.anthropic("hi").toString());

            assertThat(response.statusCode()).isEqualTo(statuses[i]);
            JsonNode body = WireClient.parse(response.body());
            assertThat(body.path("type").stringValue()).isEqualTo("error");
            assertThat(body.path("error").path("type").stringValue()).isEqualTo(types[i]);
            assertThat(body.path("request_id").stringValue()).isEqualTo(response.headers().firstValue("request-id").orElseThrow());
        }
    }

    @Test
    void thinkingBlockWithASignatureTheMockDidNotIssueGets400() {
        HttpResponse<String> response = send(twoTurns("forged-signature").toString());

        assertError(response, 400, "invalid_request_error", "messages.1.content.0: Invalid `signature` in `thinking` block");
    }

    @Test
    void thinkingBlockReplayedWithTheIssuedSignatureIsAccepted() {
        mock.enqueue(Behavior.reply("Four.").withThinking("two plus two"));
        JsonNode first = post(WireDialect.anthropic("What is 2+2?"));
        String signature = first.path("content").path(0).path("signature").stringValue();

        HttpResponse<String> second = send(twoTurns(signature).toString());

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(WireDialect.ANTHROPIC.text(WireClient.parse(second.body()))).isEqualTo("Hello from mock upstream: And 3+3?");
    }

    @Test
    void echoSkipsAUserTurnMadeOnlyOfToolResults() {
        ObjectNode body = WireDialect.anthropic("Weather in Paris?");
        ArrayNode messages = (ArrayNode) body.path("messages");
        messages.addObject().put("role", "assistant").putArray("content").addObject()
                .put("type", "tool_use").put("id", "toolu_1").put("name", "get_weather").putObject("input");
        messages.addObject().put("role", "user").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", "toolu_1").put("content", "15 degrees");

        assertThat(WireDialect.ANTHROPIC.text(post(body))).isEqualTo("Hello from mock upstream: Weather in Paris?");
    }

    @Test
    void countTokensReportsTheInputTokensTheMessagesEndpointReports() {
        ObjectNode body = WireDialect.anthropic("0123456789abcdef0123").put("system", "abcd");
        body.remove("max_tokens");

        HttpResponse<String> count = client.send(WireDialect.post(mock.baseUrl() + "/messages/count_tokens", body)
                .header("anthropic-version", "2023-06-01").build());

        assertThat(WireClient.parse(count.body())).isEqualTo(WireClient.parse("{\"input_tokens\":6}"));
        assertThat(post(body.put("max_tokens", 10)).path("usage").path("input_tokens").intValue()).isEqualTo(6);
    }

    @Test
    void modelsWithAnAnthropicVersionHeaderListInAnthropicsShape() {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/models"))
                .header("anthropic-version", "2023-06-01").GET().build());

        assertThat(WireClient.parse(response.body())).isEqualTo(WireClient.parse("""
                {"data":[{"type":"model","id":"mock-model","display_name":"Mock Model","created_at":"2023-11-14T22:13:20Z"}],
                 "has_more":false,"first_id":"mock-model","last_id":"mock-model"}"""));
        assertThat(response.headers().firstValue("request-id")).isPresent();
    }

    /** User, assistant (thinking with this signature + text), user. */
    private static ObjectNode twoTurns(String signature) {
        ObjectNode body = WireDialect.anthropic("What is 2+2?");
        ArrayNode messages = (ArrayNode) body.path("messages");
        ArrayNode assistant = messages.addObject().put("role", "assistant").putArray("content");
        assistant.addObject().put("type", "thinking").put("thinking", "two plus two").put("signature", signature);
        assistant.addObject().put("type", "text").put("text", "Four.");
        messages.addObject().put("role", "user").put("content", "And 3+3?");
        return body;
    }

    private static JsonNode post(JsonNode body) {
        HttpResponse<String> response = send(body.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        return WireClient.parse(response.body());
    }

    private static HttpResponse<String> send(String body) {
        return client.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/messages"))
                .header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> sendStream(ObjectNode body) {
        HttpResponse<String> response = send(body.put("stream", true).toString());
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        return response;
    }

    private static List<String> eventNames(String sse) {
        List<String> names = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            assertThat(event).startsWith("event: ");
            names.add(event.substring("event: ".length(), event.indexOf('\n')));
        }
        return names;
    }

    private static List<JsonNode> dataOf(String sse) {
        List<JsonNode> data = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            data.add(WireClient.parse(event.substring(event.indexOf("\ndata: ") + "\ndata: ".length())));
        }
        return data;
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = WireClient.parse(response.body()).path("error");
        assertThat(error.path("type").stringValue()).isEqualTo(type);
        assertThat(error.path("message").stringValue()).isEqualTo(message);
    }
}
