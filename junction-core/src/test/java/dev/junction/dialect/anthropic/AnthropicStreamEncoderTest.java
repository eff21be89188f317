package dev.junction.dialect.anthropic;

import static dev.junction.dialect.anthropic.AnthropicFixtures.accumulate;
import static dev.junction.dialect.anthropic.AnthropicFixtures.encode;
import static dev.junction.dialect.anthropic.AnthropicFixtures.parseSse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import dev.junction.upstream.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Encoding canonical streams, including ill-formed ones from other dialects, as Anthropic SSE. */
class AnthropicStreamEncoderTest {

    private static List<String> names(String sse) {
        return parseSse(sse.getBytes(StandardCharsets.UTF_8)).stream().map(SseEvent::event).toList();
    }

    private static List<JsonNode> data(String sse) {
        return parseSse(sse.getBytes(StandardCharsets.UTF_8)).stream()
                .map(e -> Json.tryParse(e.data()).orElseThrow()).toList();
    }

    @Test
    void everyFrameNamesItsEventAfterTheDataType() {
        String sse = encode(List.of(new StreamEvent.MessageStart("msg_1", "m", 0, Usage.ZERO),
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("hi")),
                new StreamEvent.BlockStop(0, 0), new StreamEvent.Finish(0, FinishReason.STOP),
                new StreamEvent.MessageStop()));

        assertThat(sse).startsWith("event: message_start\ndata: {");
        assertThat(names(sse)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        List<SseEvent> events = parseSse(sse.getBytes(StandardCharsets.UTF_8));
        for (SseEvent e : events) {
            assertThat(Json.tryParse(e.data()).orElseThrow().get("type").stringValue()).isEqualTo(e.event());
        }
    }

    @Test
    void nonContiguousCanonicalBlocksAreNumberedContiguously() {
        String sse = encode(List.of(new StreamEvent.MessageStart("msg_1", "m", 0, Usage.ZERO),
                new StreamEvent.BlockStart(0, 3, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(0, 3, new StreamEvent.Delta.Text("a")),
                new StreamEvent.BlockStop(0, 3),
                new StreamEvent.BlockStart(0, 7, new StreamEvent.Block.ToolCall("call_1", "f")),
                new StreamEvent.BlockDelta(0, 7, new StreamEvent.Delta.Arguments("{\"x\":1}")),
                new StreamEvent.BlockStop(0, 7), new StreamEvent.MessageStop()));

        assertThat(data(sse)).filteredOn(d -> d.has("index")).extracting(d -> d.get("index").intValue())
                .containsExactly(0, 0, 0, 1, 1, 1);
    }

    @Test
    void aStreamWithoutMessageStartOrFinishStillAccumulatesIntoAMessage() {
        String sse = encode(List.of(new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.ToolCall("call_1", "f")),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Arguments("{\"city\":\"Paris\"}")),
                new StreamEvent.MessageStop()));

        ObjectNode message = accumulate(sse);

        assertThat(message.get("id").stringValue()).startsWith("msg_");
        assertThat(message.get("stop_reason").stringValue()).isEqualTo("tool_use");
        assertThat(message.get("content").get(0).get("input").get("city").stringValue()).isEqualTo("Paris");
    }

    @Test
    void aFinishBeforeTheUsageYieldsOneMessageDeltaWithTheLatestUsage() {
        String sse = encode(List.of(new StreamEvent.MessageStart("id", "m", 0, Usage.ZERO),
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("x")),
                new StreamEvent.BlockStop(0, 0), new StreamEvent.Finish(0, FinishReason.LENGTH),
                new StreamEvent.UsageUpdate(new Usage(50, 7, 20, 0, 0)), new StreamEvent.MessageStop()));

        List<JsonNode> deltas = data(sse).stream().filter(d -> d.get("type").stringValue().equals("message_delta"))
                .toList();
        assertThat(deltas).hasSize(1);
        assertThat(deltas.getFirst().get("delta").get("stop_reason").stringValue()).isEqualTo("max_tokens");
        assertThat(deltas.getFirst().get("usage").get("input_tokens").intValue()).isEqualTo(30);
        assertThat(deltas.getFirst().get("usage").get("cache_read_input_tokens").intValue()).isEqualTo(20);
        assertThat(deltas.getFirst().get("usage").get("output_tokens").intValue()).isEqualTo(7);
    }

    @Test
    void refusalsBecomeTextAndOtherChoicesAreLeftOut() {
        String sse = encode(List.of(new StreamEvent.MessageStart("id", "m", 0, Usage.ZERO),
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Refusal()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Refusal("I can't.")),
                new StreamEvent.BlockStart(1, 0, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(1, 0, new StreamEvent.Delta.Text("other choice")),
                new StreamEvent.Finish(0, FinishReason.CONTENT_FILTER), new StreamEvent.MessageStop()));

        ObjectNode message = accumulate(sse);

        assertThat(message.get("content")).hasSize(1);
        assertThat(message.get("content").get(0).get("text").stringValue()).isEqualTo("I can't.");
        assertThat(message.get("stop_reason").stringValue()).isEqualTo("refusal");
    }

    @Test
    void aDeltaWithoutItsBlockStartOpensABlock() {
        String sse = encode(List.of(new StreamEvent.MessageStart("id", "m", 0, Usage.ZERO),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("loose")),
                new StreamEvent.MessageStop()));

        assertThat(accumulate(sse).get("content").get(0).get("text").stringValue()).isEqualTo("loose");
    }

    @Test
    void anotherDialectsSignatureIsSentTaggedAndAnthropicsRaw() {
        String gemini = ThoughtSignature.tag(Dialect.GEMINI, "g");
        String sse = encode(List.of(new StreamEvent.MessageStart("id", "m", 0, Usage.ZERO),
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Thinking()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Thinking("hm")),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Signature(gemini)),
                new StreamEvent.BlockStop(0, 0),
                new StreamEvent.BlockStart(0, 1, new StreamEvent.Block.Thinking()),
                new StreamEvent.BlockDelta(0, 1, new StreamEvent.Delta.Signature(
                        ThoughtSignature.tag(Dialect.ANTHROPIC, "a"))),
                new StreamEvent.MessageStop()));

        ObjectNode message = accumulate(sse);

        assertThat(message.get("content").get(0).get("signature").stringValue()).isEqualTo(gemini);
        assertThat(message.get("content").get(1).get("signature").stringValue()).isEqualTo("a");
    }

    @Test
    void anErrorIsTheLastFrame() {
        String sse = encode(List.of(new StreamEvent.MessageStart("id", "m", 0, Usage.ZERO),
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()),
                new StreamEvent.StreamError(new GatewayError.Unavailable("busy", Optional.empty())),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("late")),
                new StreamEvent.MessageStop()));

        assertThat(names(sse).getLast()).isEqualTo("error");
        assertThat(data(sse).getLast()).isEqualTo(Json.tryParse("""
                {"type":"error","error":{"type":"overloaded_error","message":"busy"}}""").orElseThrow());
    }
}
