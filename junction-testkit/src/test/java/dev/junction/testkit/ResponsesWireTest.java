package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The mock's Responses API on the wire: framing, validation, token counts and faults. */
class ResponsesWireTest extends MockUpstreamTestBase {

    private static HttpResponse<String> post(String path, String body) {
        return client.send(client.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static ObjectNode request(String input, boolean stream) {
        return WireClient.JSON.createObjectNode().put("model", "gpt-4.1").put("input", input).put("stream", stream);
    }

    /** The {@code event:} name and the parsed {@code data:} of every event of an SSE body. */
    private static List<String[]> events(String sse) {
        List<String[]> out = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            String[] lines = event.split("\n");
            out.add(new String[] {lines[0].substring("event: ".length()), lines[1].substring("data: ".length())});
        }
        return out;
    }

    @Test
    void aStreamNamesEveryEventByItsTypeNumbersThemFromZeroAndEndsWithoutDone() {
        HttpResponse<String> response = post("/responses", request("Hello!", true).toString());

        List<String[]> events = events(response.body());
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = WireClient.parse(events.get(i)[1]);
            assertThat(data.path("type").stringValue()).isEqualTo(events.get(i)[0]);
            assertThat(data.path("sequence_number").intValue()).isEqualTo(i);
        }
        assertThat(events).extracting(e -> e[0]).startsWith("response.created", "response.in_progress")
                .endsWith("response.completed").doesNotContain("[DONE]");
        assertThat(response.body()).doesNotContain("[DONE]");
    }

    @Test
    void theResponseEchoesTheRequestsParameters() {
        ObjectNode body = request("Hi", false).put("instructions", "Be brief.").put("temperature", 0.2);
        body.putArray("tools").addObject().put("type", "web_search");

        JsonNode response = WireClient.parse(post("/responses", body.toString()).body());

        assertThat(response.path("object").stringValue()).isEqualTo("response");
        assertThat(response.path("instructions").stringValue()).isEqualTo("Be brief.");
        assertThat(response.path("temperature").doubleValue()).isEqualTo(0.2);
        assertThat(response.path("tools")).isEqualTo(body.get("tools"));
        assertThat(response.path("top_p").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void inputTokensAreCountedWithoutTakingABehaviour() {
        mock.enqueue(Behavior.reply("queued"));

        JsonNode count = WireClient.parse(post("/responses/input_tokens", request("What is 2+2?", false)
                .put("instructions", "Be brief.").toString()).body());
        JsonNode answer = WireClient.parse(post("/responses", request("x", false).toString()).body());

        assertThat(count.path("object").stringValue()).isEqualTo("response.input_tokens");
        assertThat(count.path("input_tokens").intValue()).isEqualTo(5); // 21 characters / 4
        assertThat(answer.at("/output/0/content/0/text").stringValue()).isEqualTo("queued");
    }

    @Test
    void aRequestWithoutAModelIsA400InOpenAisShapeWithoutTakingABehaviour() {
        mock.enqueue(Behavior.reply("queued"));

        HttpResponse<String> response = post("/responses", "{\"input\":\"hi\"}");
        JsonNode answer = WireClient.parse(post("/responses", request("x", false).toString()).body());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(WireClient.parse(response.body()).at("/error/param").stringValue()).isEqualTo("model");
        assertThat(answer.at("/output/0/content/0/text").stringValue()).isEqualTo("queued");
    }

    @Test
    void anErrorAfterEventsIsAnErrorEventNumberedInSequence() {
        mock.enqueue(Behavior.ok().errorAfterEvents(3));

        List<String[]> events = events(post("/responses", request("Hi", true).toString()).body());

        assertThat(events).hasSize(4);
        assertThat(events.getLast()[0]).isEqualTo("error");
        JsonNode error = WireClient.parse(events.getLast()[1]);
        assertThat(error.path("sequence_number").intValue()).isEqualTo(3);
        assertThat(error.path("code").stringValue()).isEqualTo("server_error");
    }

    @Test
    void anErrorStatusHasOpenAisErrorBody() {
        mock.enqueue(Behavior.status(404));

        HttpResponse<String> response = post("/responses", request("Hi", false).toString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(WireClient.parse(response.body()).at("/error/code").stringValue()).isEqualTo("model_not_found");
    }

    @Test
    void anUnknownPathUnderResponsesIs404() {
        HttpResponse<String> response = client.send(client.request("/responses/resp_1/cancel")
                .header("Content-Type", "application/json").GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(WireClient.parse(response.body()).at("/error/message").stringValue())
                .isEqualTo("Invalid URL (GET /v1/responses/resp_1/cancel)");
    }
}
