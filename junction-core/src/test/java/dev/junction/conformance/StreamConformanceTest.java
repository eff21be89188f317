package dev.junction.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.gemini.GeminiStreamEncoder;
import dev.junction.model.StreamEvent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every source stream fixture, decoded by its dialect's decoder, encoded for every target dialect and reassembled by
 * the target's official SDK ({@link SdkAccumulators}), tells the client what the source's non-stream twin tells it
 * after crossing the response mappers (source → canonical → target): the same text, thinking, tool calls, finish
 * reason and usage, and the same thinking signatures. The target's stream framing is checked on the way.
 */
class StreamConformanceTest {

    /** A stream fixture and its non-stream twin (same ids and usage). */
    record Twin(WireDialect source, String stream, String body) {
        @Override
        public String toString() {
            return source + " " + stream;
        }
    }

    static final List<Twin> TWINS = List.of(
            new Twin(WireDialect.OPENAI, "response.stream.sse", "response.basic.json"),
            new Twin(WireDialect.OPENAI, "response.tools.stream.sse", "response.tools.json"),
            new Twin(WireDialect.ANTHROPIC, "response.stream.sse", "response.basic.json"),
            new Twin(WireDialect.ANTHROPIC, "response.tools.stream.sse", "response.tools.json"),
            new Twin(WireDialect.ANTHROPIC, "response.thinking.stream.sse", "response.thinking.json"),
            new Twin(WireDialect.GEMINI, "response.stream.sse", "response.basic.json"),
            new Twin(WireDialect.GEMINI, "response.tools.stream.sse", "response.tools.json"),
            new Twin(WireDialect.RESPONSES, "response.stream.sse", "response.basic.json"),
            new Twin(WireDialect.RESPONSES, "response.tools.stream.sse", "response.tools.json"));

    static Stream<Arguments> pairs() {
        return TWINS.stream().flatMap(t -> Stream.of(WireDialect.values()).map(target -> Arguments.of(t, target)));
    }

    static Stream<Arguments> twins() {
        return TWINS.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pairs")
    void aStreamReassembledByTheTargetSdkSaysWhatItsNonStreamTwinSaysAfterTranslation(Twin twin, WireDialect target) {
        String wire = SseFrames.encode(target.encoder(), SseFrames.decode(twin.source(), twin.stream()));

        Answer streamed = Answer.of(target, SdkAccumulators.accumulate(target, wire));

        Answer expected = Answer.of(target, target.responseFromCanonical(
                twin.source().responseToCanonical(Fixtures.json(twin.source(), twin.body()))));
        if (twin.source() == WireDialect.GEMINI) {
            assertThat(streamed.withMintedIds()).isEqualTo(expected.withMintedIds());
        } else {
            assertThat(streamed).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pairs")
    void aStreamReassembledByTheTargetSdkKeepsTheMeaningOfTheSourceTwin(Twin twin, WireDialect target) {
        String wire = SseFrames.encode(target.encoder(), SseFrames.decode(twin.source(), twin.stream()));

        Answer streamed = Answer.of(target, SdkAccumulators.accumulate(target, wire));

        Answer source = Answer.of(twin.source(), Fixtures.json(twin.source(), twin.body()));
        assertThat(streamed.comparableBetween(twin.source(), target))
                .isEqualTo(source.comparableBetween(twin.source(), target));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pairs")
    void theTargetStreamFollowsItsDialectsFraming(Twin twin, WireDialect target) {
        String wire = SseFrames.encode(target.encoder(), SseFrames.decode(twin.source(), twin.stream()));

        StreamFraming.assertFramed(target, wire);
    }

    @ParameterizedTest(name = "{0} → GEMINI json array")
    @MethodSource("twins")
    void aGeminiJsonArrayStreamIsOneJsonArrayThatReassemblesLikeTheSseStream(Twin twin) {
        List<StreamEvent> events = SseFrames.decode(twin.source(), twin.stream());
        String array = SseFrames.encode(new GeminiStreamEncoder(false), events);
        String sse = SseFrames.encode(new GeminiStreamEncoder(true), events);

        StreamFraming.assertGeminiJsonArray(array);
        ObjectNode fromArray = SdkAccumulators.gemini(SseFrames.jsonArrayElements(array));
        assertThat(Answer.of(WireDialect.GEMINI, fromArray))
                .isEqualTo(Answer.of(WireDialect.GEMINI, SdkAccumulators.accumulate(WireDialect.GEMINI, sse)));
    }
}
