package dev.junction.dialect.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.secret.Redactor;
import dev.junction.testing.TestFixtures;
import dev.junction.upstream.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConverseStreamDecoderTest {

    private static List<StreamEvent> decode(String fixture, ConverseStreamDecoder decoder) {
        List<SseEvent> frames = new ArrayList<>();
        var parser = EventStreamFraming.CONVERSE.parser(frames::add);
        byte[] bytes = TestFixtures.bytes(fixture);
        for (byte b : bytes) {
            parser.feed(Buffer.buffer(new byte[] {b}));
        }
        List<StreamEvent> out = new ArrayList<>();
        frames.forEach(f -> out.addAll(decoder.decode(f)));
        out.addAll(decoder.finish());
        return out;
    }

    @Test
    void theCapturedToolStreamBecomesATextBlockAndAToolCall() {
        ConverseStreamDecoder decoder = new ConverseStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> events = decode("/fixtures/bedrock/converse-stream.tool.eventstream", decoder);
        assertThat(events.getFirst()).isInstanceOf(StreamEvent.MessageStart.class);
        assertThat(events).contains(new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("I'll check the current weather")),
                new StreamEvent.BlockStop(0, 0),
                new StreamEvent.BlockStart(0, 1, new StreamEvent.Block.ToolCall("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q",
                        "get_weather")),
                new StreamEvent.BlockStop(0, 1),
                new StreamEvent.Finish(0, FinishReason.TOOL_CALLS));
        String arguments = events.stream().filter(e -> e instanceof StreamEvent.BlockDelta d && d.index() == 1)
                .map(e -> ((StreamEvent.Delta.Arguments) ((StreamEvent.BlockDelta) e).delta()).fragment())
                .reduce("", String::concat);
        assertThat(arguments).isEqualTo("{\"location\": \"Paris, France\", \"unit\": \"celsius\"}");
        assertThat(events).contains(new StreamEvent.UsageUpdate(new dev.junction.model.Usage(412, 71, 0, 0, 0)));
        assertThat(events.getLast()).isEqualTo(new StreamEvent.MessageStop());
        assertThat(decoder.done()).isTrue();
    }

    @Test
    void aThrottlingFrameMidStreamIsARateLimitError() {
        ConverseStreamDecoder decoder = new ConverseStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> events = decode("/fixtures/bedrock/converse-stream.throttling-exception.eventstream",
                decoder);
        assertThat(events.getLast()).isInstanceOfSatisfying(StreamEvent.StreamError.class, e ->
                assertThat(e.error()).isInstanceOf(GatewayError.RateLimited.class)
                        .extracting(GatewayError::message).isEqualTo("Too many tokens, please wait before trying again."));
        assertThat(decoder.done()).isFalse();
    }

    @Test
    void reasoningDeltasBecomeAThinkingBlockWithATaggedSignature() {
        ConverseStreamDecoder decoder = new ConverseStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> events = new ArrayList<>();
        events.addAll(decoder.decode(SseEvent.of("event: contentBlockDelta\ndata: {\"contentBlockIndex\":0,"
                + "\"delta\":{\"reasoningContent\":{\"text\":\"Let me think\"}}}\n\n")));
        events.addAll(decoder.decode(SseEvent.of("event: contentBlockDelta\ndata: {\"contentBlockIndex\":0,"
                + "\"delta\":{\"reasoningContent\":{\"signature\":\"abc\"}}}\n\n")));
        assertThat(events).contains(new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Thinking()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Thinking("Let me think")),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Signature("jn1.bedrock.abc")));
    }
}
