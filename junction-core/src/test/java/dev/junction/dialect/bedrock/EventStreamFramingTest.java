package dev.junction.dialect.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.json.Json;
import dev.junction.testing.TestFixtures;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.StreamFraming;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import tools.jackson.databind.JsonNode;

class EventStreamFramingTest {

    private static final byte[] TOOL = TestFixtures.bytes("/fixtures/bedrock/converse-stream.tool.eventstream");

    private static List<SseEvent> decode(EventStreamFraming framing, byte[] bytes, int chunk) {
        List<SseEvent> out = new ArrayList<>();
        StreamFraming.Parser parser = framing.parser(out::add);
        for (int i = 0; i < bytes.length; i += chunk) {
            parser.feed(Buffer.buffer().appendBytes(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        parser.end();
        return out;
    }

    @Test
    void theCapturedToolStreamDecodesToItsDecodedCopy() {
        List<String> expected = new String(TestFixtures.bytes(
                "/fixtures/bedrock/converse-stream.tool.decoded.jsonl"), StandardCharsets.UTF_8).lines().toList();
        List<SseEvent> events = decode(EventStreamFraming.CONVERSE, TOOL, TOOL.length);
        assertThat(events).hasSize(expected.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode line = Json.tryParse(expected.get(i)).orElseThrow();
            assertThat(events.get(i).event()).isEqualTo(line.path("headers").path(":event-type").asString());
            assertThat(Json.tryParse(events.get(i).data()).orElseThrow()).isEqualTo(line.path("payload"));
        }
    }

    @Test
    void framesSplitAcrossReadsOrSeveralInOneReadGiveTheSameEvents() {
        List<String> whole = decode(EventStreamFraming.CONVERSE, TOOL, TOOL.length).stream().map(SseEvent::data)
                .toList();
        assertThat(decode(EventStreamFraming.CONVERSE, TOOL, 1).stream().map(SseEvent::data).toList())
                .isEqualTo(whole);
        assertThat(decode(EventStreamFraming.CONVERSE, TOOL, 37).stream().map(SseEvent::data).toList())
                .isEqualTo(whole);
    }

    @Test
    void anExceptionFrameBecomesAnExceptionEvent() {
        byte[] bytes = TestFixtures.bytes("/fixtures/bedrock/converse-stream.throttling-exception.eventstream");
        List<SseEvent> events = decode(EventStreamFraming.CONVERSE, bytes, 1);
        SseEvent last = events.getLast();
        assertThat(last.event()).isEqualTo(EventStreamFraming.EXCEPTION);
        JsonNode data = Json.tryParse(last.data()).orElseThrow();
        assertThat(data.path("exceptionType").asString()).isEqualTo("throttlingException");
        assertThat(data.path("message").asString()).isEqualTo("Too many tokens, please wait before trying again.");
    }

    @Test
    void aCorruptedFrameIsAMalformedStream() {
        byte[] bytes = TOOL.clone();
        bytes[20] ^= 0x55; // inside the first frame's headers: its message CRC no longer matches
        assertThatThrownBy(() -> decode(EventStreamFraming.CONVERSE, bytes, bytes.length))
                .isInstanceOf(StreamFraming.MalformedStreamException.class)
                .hasMessageContaining("malformed event-stream frame");
    }

    @Test
    void invokeChunksAreUnwrappedToTheModelsOwnEvents() {
        String inner = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}";
        String payload = "{\"bytes\":\"" + Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8))
                + "\",\"p\":\"abcd\"}";
        Message frame = new Message(Map.of(":message-type", HeaderValue.fromString("event"), ":event-type",
                HeaderValue.fromString("chunk"), ":content-type", HeaderValue.fromString("application/json")),
                payload.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = frame.toByteBuffer().array();
        List<SseEvent> events = decode(EventStreamFraming.INVOKE, bytes, 3);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("content_block_delta");
            assertThat(e.data()).isEqualTo(inner);
        });
    }

    @Test
    void anInvokeStreamsExceptionFrameBecomesAnthropicsErrorEvent() {
        byte[] bytes = TestFixtures.bytes("/fixtures/bedrock/converse-stream.throttling-exception.eventstream");
        SseEvent last = decode(EventStreamFraming.INVOKE, bytes, 7).getLast();
        assertThat(last.event()).isEqualTo("error");
        JsonNode data = Json.tryParse(last.data()).orElseThrow();
        assertThat(data.path("type").asString()).isEqualTo("error");
        assertThat(data.path("error").path("type").asString()).isEqualTo("rate_limit_error");
        assertThat(data.path("error").path("message").asString())
                .isEqualTo("Too many tokens, please wait before trying again.");
    }

    @Test
    void aChunkWhoseBytesAreNotBase64IsAnAnthropicApiError() {
        Message frame = new Message(Map.of(":message-type", HeaderValue.fromString("event"), ":event-type",
                HeaderValue.fromString("chunk")), "{\"bytes\":\"%%%\"}".getBytes(StandardCharsets.UTF_8));
        SseEvent event = decode(EventStreamFraming.INVOKE, frame.toByteBuffer().array(), 5).getFirst();
        assertThat(event.event()).isEqualTo("error");
        assertThat(Json.tryParse(event.data()).orElseThrow().path("error").path("type").asString())
                .isEqualTo("api_error");
    }
}
