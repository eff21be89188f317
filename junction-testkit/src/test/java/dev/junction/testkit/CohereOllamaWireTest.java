package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The mock's Cohere v2 and Ollama native formats on the wire: framing, validation and errors. */
class CohereOllamaWireTest extends MockUpstreamTestBase {

    private static HttpResponse<String> post(String path, String body) {
        return client.send(HttpRequest.newBuilder(URI.create(mock.rootUrl() + path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode json(String text) {
        return WireClient.JSON.readTree(text);
    }

    @Test
    void ollamaStreamsNdjsonByDefaultAndEndsWithADoneLineCarryingTheCounts() {
        mock.setDefault(Behavior.reply("one two"));

        HttpResponse<String> response = post("/api/chat", """
                {"model":"llama3.2","messages":[{"role":"user","content":"count"}]}""");

        assertThat(response.headers().firstValue("content-type")).hasValue("application/x-ndjson");
        String[] lines = response.body().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(json(lines[0]).path("message").path("content").asString()).isEqualTo("one");
        JsonNode last = json(lines[2]);
        assertThat(last.path("done").asBoolean()).isTrue();
        assertThat(last.path("done_reason").asString()).isEqualTo("stop");
        assertThat(last.path("eval_count").asInt()).isEqualTo(2);
    }

    @Test
    void ollamaSendsToolCallArgumentsAsObjectsInOneAnswer() {
        mock.setDefault(Behavior.toolCalls(new ToolCall("c1", "get_weather", "{\"city\":\"Paris\"}")));

        HttpResponse<String> response = post("/api/chat", """
                {"model":"llama3.2","stream":false,"messages":[{"role":"user","content":"weather"}]}""");

        JsonNode call = json(response.body()).path("message").path("tool_calls").get(0).path("function");
        assertThat(call.path("name").asString()).isEqualTo("get_weather");
        assertThat(call.path("arguments").path("city").asString()).isEqualTo("Paris");
    }

    @Test
    void ollamaAnswersAnUnknownModelAsThePulledModelErrorAndAMissingModelWithoutABehaviour() {
        mock.enqueue(Behavior.status(404));

        HttpResponse<String> missing = post("/api/chat", "{\"messages\":[]}");
        HttpResponse<String> unknown = post("/api/chat", """
                {"model":"llama9","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing.body()).path("error").asString()).isEqualTo("model is required");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).path("error").asString())
                .isEqualTo("model \"llama9\" not found, try pulling it first");
    }

    @Test
    void cohereStreamsNamedEventsEndingWithMessageEnd() {
        mock.setDefault(Behavior.toolCalls(new ToolCall("c1", "get_weather", "{\"city\":\"Paris\"}"))
                .withThinking("Look it up."));

        HttpResponse<String> response = post("/v2/chat", """
                {"model":"command-a-03-2025","stream":true,"messages":[{"role":"user","content":"weather"}]}""");

        assertThat(response.body()).startsWith("event: message-start\n").contains("event: tool-plan-delta\n",
                "event: tool-call-start\n", "event: tool-call-delta\n", "event: tool-call-end\n");
        String[] events = response.body().split("\n\n");
        JsonNode end = json(events[events.length - 1].split("\n")[1].substring("data: ".length()));
        assertThat(end.path("type").asString()).isEqualTo("message-end");
        assertThat(end.path("delta").path("finish_reason").asString()).isEqualTo("TOOL_CALL");
    }

    @Test
    void cohereRejectsAnEmbedRequestWithoutInputTypeAndAnswersRateLimitsInItsShape() {
        mock.enqueue(Behavior.status(429));

        HttpResponse<String> noType = post("/v2/embed", """
                {"model":"embed-v4.0","texts":["a"],"embedding_types":["float"]}""");
        HttpResponse<String> limited = post("/v2/chat", """
                {"model":"command-a-03-2025","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(json(noType.body()).path("message").asString()).contains("input_type");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited.body()).path("message").asString()).contains("Trial key");
    }
}
