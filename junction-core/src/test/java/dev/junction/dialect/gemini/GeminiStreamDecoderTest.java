package dev.junction.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiStreamDecoderTest {

    @Test
    void theCrlfFramedFixtureSplitsIntoThreeEvents() {
        String body = GeminiFixtures.text(GeminiFixtures.GEMINI, "response.stream.sse");

        assertThat(body).contains("}\r\n\r\ndata: ");
        assertThat(GeminiFixtures.parseSse(body)).hasSize(3);
    }

    @Test
    void textChunksBecomeOneTextBlockThenFinishUsageAndStop() {
        List<StreamEvent> events = decodeFixture("response.stream.sse", false);

        assertThat(events.getFirst()).isInstanceOf(StreamEvent.MessageStart.class);
        assertThat(((StreamEvent.MessageStart) events.getFirst()).id()).isEqualTo("IZI2acSKMoWl0-kPmYj2yQc");
        assertThat(events).filteredOn(StreamEvent.BlockStart.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(StreamEvent.BlockDelta.class::isInstance).hasSize(3);
        assertThat(events.subList(events.size() - 4, events.size())).containsExactly(
                new StreamEvent.BlockStop(0, 0),
                new StreamEvent.Finish(0, FinishReason.STOP),
                new StreamEvent.UsageUpdate(new Usage(17, 27, 0, 0, 0)),
                new StreamEvent.MessageStop());
    }

    @Test
    void everyChunkReportsItsCumulativeUsage() {
        List<StreamEvent> events = decodeFixture("response.stream.sse", false);

        assertThat(events).filteredOn(StreamEvent.UsageUpdate.class::isInstance)
                .extracting(e -> ((StreamEvent.UsageUpdate) e).usage().outputTokens())
                .containsExactly(12L, 22L, 27L);
    }

    @Test
    void eachFunctionCallIsACompleteToolBlockAfterASignatureBlock() {
        List<StreamEvent> events = decodeFixture("response.tools.stream.sse", false);

        assertThat(events.get(1)).isEqualTo(new StreamEvent.BlockStart(0, 0, new StreamEvent.Block.Thinking()));
        assertThat(((StreamEvent.BlockDelta) events.get(2)).delta()).isInstanceOf(StreamEvent.Delta.Signature.class);
        assertThat(events.get(3)).isEqualTo(new StreamEvent.BlockStop(0, 0));
        StreamEvent.BlockStart tool = (StreamEvent.BlockStart) events.get(4);
        assertThat(((StreamEvent.Block.ToolCall) tool.block()).name()).isEqualTo("get_weather");
        assertThat(events.get(5)).isEqualTo(new StreamEvent.BlockDelta(0, 1, new StreamEvent.Delta.Arguments(
                "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}")));
        assertThat(events.get(6)).isEqualTo(new StreamEvent.BlockStop(0, 1));
        assertThat(events).contains(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS));
    }

    @Test
    void theDecoderIsDoneAfterTheFinishChunkAndFinishAddsNothingMore() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(Redactor.patternsOnly());
        List<SseEvent> events = GeminiFixtures.parseSse(GeminiFixtures.text(GeminiFixtures.GEMINI,
                "response.stream.sse"));

        decoder.decode(events.get(0));
        assertThat(decoder.done()).isFalse();
        events.subList(1, 3).forEach(decoder::decode);

        assertThat(decoder.done()).isTrue();
        assertThat(decoder.finish()).isEmpty();
    }

    @Test
    void aStreamCutBeforeTheFinishIsClosedByFinish() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(Redactor.patternsOnly());
        decoder.decode(GeminiFixtures.parseSse(GeminiFixtures.text(GeminiFixtures.GEMINI, "response.stream.sse"))
                .getFirst());

        assertThat(decoder.done()).isFalse();
        assertThat(decoder.finish()).containsExactly(new StreamEvent.BlockStop(0, 0), new StreamEvent.MessageStop());
    }

    @Test
    void anErrorChunkIsAClassifiedRedactedStreamErrorAndEndsDecoding() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(Redactor.patternsOnly());

        List<StreamEvent> events = decoder.decode(SseEvent.of("data: {\"error\":{\"code\":503,\"message\":"
                + "\"overloaded, key AIzaSyA1234567890abcdefghijklmnop\",\"status\":\"UNAVAILABLE\"}}\r\n\r\n"));

        GatewayError error = ((StreamEvent.StreamError) events.getFirst()).error();
        assertThat(error).isInstanceOf(GatewayError.Unavailable.class);
        assertThat(error.message()).contains("[redacted]").doesNotContain("AIza");
        assertThat(decoder.decode(SseEvent.of("data: {\"candidates\":[]}\r\n\r\n"))).isEmpty();
    }

    @Test
    void aBareJsonObjectOutsideADataLineIsAnError() {
        List<StreamEvent> events = new GeminiStreamDecoder(Redactor.patternsOnly())
                .decode(SseEvent.of("{\"error\":{\"code\":500,\"message\":\"boom\"}}\n\n"));

        assertThat(events).singleElement().isInstanceOf(StreamEvent.StreamError.class);
    }

    @Test
    void unparseableDataIsABadGateway() {
        List<StreamEvent> events = new GeminiStreamDecoder(Redactor.patternsOnly())
                .decode(SseEvent.of("data: {\"candidates\": [\r\n\r\n"));

        assertThat(((StreamEvent.StreamError) events.getFirst()).error()).isInstanceOf(GatewayError.BadGateway.class);
    }

    @Test
    void aBlockedPromptChunkFinishesWithTheContentFilter() {
        List<StreamEvent> events = new GeminiStreamDecoder(Redactor.patternsOnly()).decode(SseEvent.of(
                "data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":12,"
                        + "\"totalTokenCount\":12},\"responseId\":\"r\"}\r\n\r\n"));

        assertThat(events).contains(new StreamEvent.Finish(0, FinishReason.CONTENT_FILTER), new StreamEvent.MessageStop());
    }

    private static List<StreamEvent> decodeFixture(String name, boolean finish) {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> out = new ArrayList<>();
        GeminiFixtures.parseSse(GeminiFixtures.text(GeminiFixtures.GEMINI, name)).forEach(e -> out.addAll(
                decoder.decode(e)));
        if (finish) {
            out.addAll(decoder.finish());
        }
        return out;
    }
}
