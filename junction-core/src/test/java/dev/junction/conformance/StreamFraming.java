package dev.junction.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.types.GenerateContentResponse;
import dev.junction.json.Json;
import dev.junction.upstream.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The framing rules of each dialect's client stream (translation.md §1, §12): OpenAI is {@code data:}-only chunks
 * ending with {@code data: [DONE]}; Anthropic names every event after its type, opens with {@code message_start},
 * opens, fills and closes blocks one at a time with contiguous indexes, and ends with {@code message_stop}; Gemini
 * SSE separates {@code data:} frames with {@code \r\n\r\n} and has no terminal marker; Responses names every event
 * after its type, numbers them from 0, opens with {@code response.created} and {@code response.in_progress} and ends
 * with one terminal response event, without {@code [DONE]}.
 */
final class StreamFraming {

    private StreamFraming() {}

    /** Fails unless the wire text follows the dialect's framing. */
    static void assertFramed(WireDialect dialect, String wire) {
        switch (dialect) {
            case OPENAI -> assertOpenAi(SseFrames.parse(wire));
            case ANTHROPIC -> assertAnthropic(SseFrames.parse(wire));
            case GEMINI -> assertGeminiSse(wire);
            case RESPONSES -> assertResponses(SseFrames.parse(wire));
        }
    }

    private static void assertResponses(List<SseEvent> events) {
        assertThat(events).isNotEmpty();
        assertThat(events.getFirst().event()).isEqualTo("response.created");
        assertThat(events.get(1).event()).isEqualTo("response.in_progress");
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = json(events.get(i).data());
            assertThat(data.path("type").asString()).as("event name = data.type").isEqualTo(events.get(i).event());
            assertThat(data.path("sequence_number").asInt(-1)).as("sequence numbers count from 0").isEqualTo(i);
        }
        assertThat(events.getLast().event()).isIn("response.completed", "response.incomplete", "response.failed");
        assertThat(events.stream().filter(e -> e.event().startsWith("response.complete")
                || e.event().equals("response.incomplete"))).hasSize(1);
        assertThat(events).noneMatch(e -> e.data().equals("[DONE]"));
    }

    private static void assertOpenAi(List<SseEvent> events) {
        assertThat(events).isNotEmpty();
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<SseEvent> chunks = events.subList(0, events.size() - 1);
        assertThat(chunks).isNotEmpty().allSatisfy(e -> {
            assertThat(e.event()).as("OpenAI chunks carry no event name").isEmpty();
            assertThat(json(e.data()).path("object").asString()).isEqualTo("chat.completion.chunk");
        });
        // With include_usage the usage chunk comes last, with no choices (§11.7).
        JsonNode last = json(chunks.getLast().data());
        assertThat(last.path("choices").isEmpty()).isTrue();
        assertThat(last.path("usage").isObject()).isTrue();
    }

    private static void assertAnthropic(List<SseEvent> events) {
        assertThat(events).isNotEmpty();
        assertThat(events.getFirst().event()).isEqualTo("message_start");
        assertThat(events.getLast().event()).isEqualTo("message_stop");
        int nextIndex = 0;
        int open = -1;
        boolean delta = false;
        for (SseEvent event : events) {
            JsonNode data = json(event.data());
            assertThat(data.path("type").asString()).as("event name = data.type").isEqualTo(event.event());
            switch (event.event()) {
                case "content_block_start" -> {
                    assertThat(open).as("a block opens while block %d is open", open).isEqualTo(-1);
                    assertThat(delta).as("a block opens after message_delta").isFalse();
                    assertThat(data.path("index").asInt()).as("block indexes are contiguous").isEqualTo(nextIndex);
                    open = nextIndex++;
                }
                case "content_block_delta" -> assertThat(data.path("index").asInt()).isEqualTo(open);
                case "content_block_stop" -> {
                    assertThat(data.path("index").asInt()).isEqualTo(open);
                    open = -1;
                }
                case "message_delta" -> {
                    assertThat(open).as("message_delta while a block is open").isEqualTo(-1);
                    delta = true;
                }
                default -> { }
            }
        }
        assertThat(delta).as("a message_delta carries the stop reason").isTrue();
        assertThat(events.stream().filter(e -> e.event().equals("message_stop"))).hasSize(1);
    }

    private static void assertGeminiSse(String wire) {
        assertThat(wire).endsWith("\r\n\r\n");
        String[] frames = wire.substring(0, wire.length() - 4).split("\r\n\r\n", -1);
        assertThat(frames).isNotEmpty().allSatisfy(frame -> {
            assertThat(frame).startsWith("data: ").doesNotContain("\n").doesNotContain("[DONE]");
            GenerateContentResponse.fromJson(frame.substring("data: ".length()));
        });
    }

    /** Fails unless a Gemini JSON-array stream body is one JSON array of google-genai responses. */
    static void assertGeminiJsonArray(String wire) {
        List<JsonNode> elements = SseFrames.jsonArrayElements(wire);
        assertThat(elements).isNotEmpty()
                .allSatisfy(element -> GenerateContentResponse.fromJson(Json.write(element)));
    }

    private static JsonNode json(String data) {
        return Json.parseObject(data.getBytes(StandardCharsets.UTF_8));
    }
}
