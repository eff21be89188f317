package dev.junction.dialect.anthropic;

import static dev.junction.dialect.anthropic.AnthropicFixtures.ANTHROPIC;
import static dev.junction.dialect.anthropic.AnthropicFixtures.decode;
import static dev.junction.dialect.anthropic.AnthropicFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding upstream Messages streams into canonical events, and watching them on the fast path. */
class AnthropicStreamDecoderTest {

    @Test
    void theBasicStreamDecodesIntoAWellFormedCanonicalStream() {
        List<StreamEvent> events = decode(events(ANTHROPIC, "response.stream.sse"));

        assertThat(events.getFirst()).isEqualTo(new StreamEvent.MessageStart("msg_01R8KQd3Gh8ZpXkYfVnJ2mTs",
                "claude-sonnet-4-5-20250929", 0, new Usage(19, 1, 0, 0, 0)));
        assertThat(events.subList(1, events.size())).containsExactly(
                new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Text()),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("Hello")),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text("! How")),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text(" can I help")),
                new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Text(" you today?")),
                new StreamEvent.BlockStop(0, 0),
                new StreamEvent.Finish(0, FinishReason.STOP),
                new StreamEvent.UsageUpdate(new Usage(19, 12, 0, 0, 0)),
                new StreamEvent.MessageStop());
    }

    @Test
    void theDecoderIsDoneOnlyAfterMessageStop() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(Redactor.patternsOnly());
        List<SseEvent> events = events(ANTHROPIC, "response.stream.sse");

        events.subList(0, events.size() - 1).forEach(decoder::decode);
        assertThat(decoder.done()).isFalse();
        decoder.decode(events.getLast());
        assertThat(decoder.done()).isTrue();
    }

    @Test
    void aThinkingSignatureIsTaggedAsAnthropics() {
        List<StreamEvent> events = decode(events(ANTHROPIC, "response.thinking.stream.sse"));

        assertThat(events).contains(new StreamEvent.BlockDelta(0, 0, new StreamEvent.Delta.Signature(
                ThoughtSignature.tag(Dialect.ANTHROPIC,
                        "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds/example/signature/opaque=="))));
    }

    @Test
    void anOverloadedErrorEventEndsTheStreamAsUnavailable() {
        List<StreamEvent> events = decode(events(ANTHROPIC, "response.stream.error.sse"));

        assertThat(events.getLast()).isInstanceOfSatisfying(StreamEvent.StreamError.class, e -> {
            assertThat(e.error()).isInstanceOf(GatewayError.Unavailable.class);
            assertThat(e.error().message()).isEqualTo("Overloaded");
        });
        assertThat(events).filteredOn(StreamEvent.StreamError.class::isInstance).hasSize(1);
    }

    @Test
    void aRateLimitErrorEventIsRateLimitedAndOthersABadGateway() {
        AnthropicStreamDecoder rate = new AnthropicStreamDecoder(Redactor.patternsOnly());
        AnthropicStreamDecoder other = new AnthropicStreamDecoder(Redactor.patternsOnly());

        assertThat(rate.decode(SseEvent.of("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":"
                + "\"rate_limit_error\",\"message\":\"slow\"}}\n\n")).getFirst())
                .isEqualTo(new StreamEvent.StreamError(new GatewayError.RateLimited("slow", java.util.Optional.empty())));
        assertThat(other.decode(SseEvent.of("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":"
                + "\"api_error\",\"message\":\"boom\"}}\n\n")).getFirst())
                .isEqualTo(new StreamEvent.StreamError(new GatewayError.BadGateway("boom", false)));
    }

    @Test
    void nothingIsDecodedAfterAnError() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(Redactor.patternsOnly());

        decoder.decode(SseEvent.of("event: content_block_delta\ndata: {not json\n\n"));

        assertThat(decoder.decode(SseEvent.of("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")))
                .isEmpty();
        assertThat(decoder.done()).isFalse();
    }

    @Test
    void pingsAndUnknownEventsDecodeToNothing() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(Redactor.patternsOnly());

        assertThat(decoder.decode(SseEvent.of("event: ping\ndata: {\"type\": \"ping\"}\n\n"))).isEmpty();
        assertThat(decoder.decode(SseEvent.of("event: brand_new\ndata: {\"type\":\"brand_new\"}\n\n"))).isEmpty();
    }

    @Test
    void usageRepeatedInMessageDeltaByNewerVersionsReplacesTheStartingCounts() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(Redactor.patternsOnly());
        decoder.decode(SseEvent.of("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":"
                + "\"m\",\"model\":\"c\",\"usage\":{\"input_tokens\":10,\"cache_read_input_tokens\":5,"
                + "\"output_tokens\":1}}}\n\n"));

        List<StreamEvent> out = decoder.decode(SseEvent.of("event: message_delta\ndata: {\"type\":\"message_delta\","
                + "\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"input_tokens\":12,\"cache_read_input_tokens\""
                + ":5,\"cache_creation_input_tokens\":3,\"output_tokens\":40}}\n\n"));

        assertThat(out).containsExactly(new StreamEvent.Finish(0, FinishReason.LENGTH),
                new StreamEvent.UsageUpdate(new Usage(20, 40, 5, 3, 0)));
    }

    @Test
    void serverToolBlocksAreSkippedWithTheirDeltas() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(Redactor.patternsOnly());

        List<StreamEvent> out = new java.util.ArrayList<>();
        out.addAll(decoder.decode(SseEvent.of("event: content_block_start\ndata: {\"type\":\"content_block_start\","
                + "\"index\":0,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"s\",\"name\":\"web_search\","
                + "\"input\":{}}}\n\n")));
        out.addAll(decoder.decode(SseEvent.of("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
                + "\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}\n\n")));
        out.addAll(decoder.decode(SseEvent.of("event: content_block_stop\ndata: {\"type\":\"content_block_stop\","
                + "\"index\":0}\n\n")));

        assertThat(out).isEmpty();
    }

    @Test
    void theWatcherFindsUsageCompletionAndErrorsByEventName() {
        AnthropicPassThroughWatcher watcher = new AnthropicPassThroughWatcher(Redactor.patternsOnly());
        events(ANTHROPIC, "response.tools.stream.sse").forEach(watcher::observe);

        assertThat(watcher.usage()).isEqualTo(new Usage(412, 138, 0, 0, 0));
        assertThat(watcher.complete()).isTrue();
        assertThat(watcher.error()).isEmpty();

        AnthropicPassThroughWatcher failing = new AnthropicPassThroughWatcher(Redactor.patternsOnly());
        events(ANTHROPIC, "response.stream.error.sse").forEach(failing::observe);
        assertThat(failing.complete()).isFalse();
        assertThat(failing.error()).hasValueSatisfying(e -> assertThat(e).isInstanceOf(GatewayError.Unavailable.class));
        assertThat(failing.usage().inputTokens()).isEqualTo(19);
    }

    @Test
    void theWatcherIgnoresAUsageLookalikeInsideAText() {
        AnthropicPassThroughWatcher watcher = new AnthropicPassThroughWatcher(Redactor.patternsOnly());

        watcher.observe(SseEvent.of("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"{\\\"usage\\\":{\\\"output_tokens\\\":99}}\"}}\n\n"));

        assertThat(watcher.usage()).isEqualTo(Usage.ZERO);
    }
}
