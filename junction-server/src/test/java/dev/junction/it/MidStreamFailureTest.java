package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.DialectMatrix.Upstream;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A stream that fails after it started, for every client × upstream pair: the upstream sends an in-stream error, or
 * drops the connection. The client's stream then ends with exactly one error frame in its own dialect and nothing
 * after it, and the request log records the error.
 */
class MidStreamFailureTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    /** How the upstream's stream breaks after two events. */
    enum Fault {
        ERROR_EVENT,
        CUT;

        Behavior behavior() {
            Behavior reply = Behavior.reply("one two three four five six seven eight");
            return this == ERROR_EVENT ? reply.errorAfterEvents(2) : reply.cutAfterEvents(2);
        }
    }

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (ClientWire client : ClientWire.values()) {
            for (Upstream upstream : Upstream.values()) {
                for (Fault fault : Fault.values()) {
                    pairs.add(Arguments.of(client, upstream, fault));
                }
            }
        }
        return pairs.stream();
    }

    static Stream<Arguments> upstreamsAndFaults() {
        List<Arguments> pairs = new ArrayList<>();
        for (Upstream upstream : Upstream.values()) {
            for (Fault fault : Fault.values()) {
                pairs.add(Arguments.of(upstream, fault));
            }
        }
        return pairs.stream();
    }

    private static boolean isErrorFrame(ClientWire client, SseFrames.Frame frame) {
        return switch (client) {
            case ANTHROPIC, RESPONSES -> frame.event().filter("error"::equals).isPresent();
            case OPENAI, GEMINI -> frame.isErrorObject();
        };
    }

    /** The request's log line, once written. */
    private static JsonNode logLine(HttpResponse<String> response) {
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        String line = ENV.gateway().awaitLog(id).lines().filter(l -> l.contains("\"request_id\":\"" + id + "\""))
                .findFirst().orElseThrow();
        return Json.MAPPER.readTree(line);
    }

    @ParameterizedTest(name = "{0} client, {1} upstream, {2}")
    @MethodSource("pairs")
    void brokenUpstreamStreamEndsTheClientStreamWithOneErrorFrame(ClientWire client, Upstream upstream, Fault fault) {
        ENV.upstream().setDefault(fault.behavior());

        HttpResponse<String> response = client.chat(ENV.gateway(), upstream.model, "count", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.frames()).filteredOn(f -> isErrorFrame(client, f)).hasSize(1);
        assertThat(isErrorFrame(client, frames.last())).as("the last frame is the error: %s", response.body()).isTrue();
        JsonNode error = client.error(frames.last().json());
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("[DONE]").doesNotContain("message_stop");
        JsonNode line = logLine(response);
        assertThat(line.path("error_type").asString()).isNotBlank();
        assertThat(line.path("stream").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0} upstream, {1}")
    @MethodSource("upstreamsAndFaults")
    void brokenStreamEndsAGeminiJsonArrayWithOneErrorElement(Upstream upstream, Fault fault) {
        ENV.upstream().setDefault(fault.behavior());

        HttpResponse<String> response = ENV.gateway().post(ClientWire.geminiPath(upstream.model, true, false), """
                {"contents":[{"role":"user","parts":[{"text":"count"}]}]}""", "x-goog-api-key", Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode chunks = Json.tryParse(response.body()).orElseThrow(() -> new AssertionError(
                "the stream is not one JSON document: " + response.body()));
        assertThat(chunks.isArray()).as(response.body()).isTrue();
        List<JsonNode> errors = new ArrayList<>();
        chunks.forEach(c -> {
            if (c.has("error")) {
                errors.add(c);
            }
        });
        assertThat(errors).hasSize(1);
        assertThat(chunks.get(chunks.size() - 1).has("error")).isTrue();
        assertThat(chunks.get(chunks.size() - 1).at("/error/message").asString()).isNotBlank();
        assertThat(logLine(response).path("error_type").asString()).isNotBlank();
    }
}
