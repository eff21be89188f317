package dev.junction.dialect.openai;

import static dev.junction.dialect.openai.OpenAiFixtures.decode;
import static dev.junction.dialect.openai.OpenAiFixtures.encode;
import static dev.junction.dialect.openai.OpenAiFixtures.events;
import static dev.junction.dialect.openai.OpenAiFixtures.json;
import static dev.junction.dialect.openai.OpenAiFixtures.normalized;
import static dev.junction.dialect.openai.OpenAiFixtures.withoutUntrackedFields;
import static dev.junction.dialect.openai.OpenAiFixtures.withoutUntrackedUsage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.StreamEvent;
import dev.junction.model.StreamEvents;
import dev.junction.upstream.SseEvent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upstream SSE → {@link OpenAiStreamDecoder} → canonical events → {@link OpenAiStreamEncoder} → SSE, accumulated the
 * way the SDK does, against the non-stream twin of each stream fixture ({@code *.stream.*} pairs with the
 * same-named non-stream fixture: response.stream.sse ↔ response.basic.json, response.tools.stream.sse ↔
 * response.tools.json).
 *
 * <p>The twins agree on model, choices and usage but not on {@code id} and {@code created} (the fixtures were
 * modelled on different recordings), so the completion header is compared with the stream's own first chunk and
 * the rest with the twin.
 */
class OpenAiStreamRoundTripTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("response.stream.sse", "response.basic.json", true),
                Arguments.of("response.stream.sse", "response.basic.json", false),
                Arguments.of("response.tools.stream.sse", "response.tools.json", true),
                Arguments.of("response.tools.stream.sse", "response.tools.json", false));
    }

    static Stream<Arguments> twins() {
        return Stream.of(Arguments.of("response.stream.sse", "response.basic.json"),
                Arguments.of("response.tools.stream.sse", "response.tools.json"));
    }

    static Stream<Arguments> streams() {
        return Stream.of(Arguments.of("response.stream.sse"), Arguments.of("response.tools.stream.sse"));
    }

    @ParameterizedTest(name = "{0} ↔ {1}")
    @MethodSource("twins")
    void streamFixtureAccumulatesIntoTheChoicesAndUsageOfItsNonStreamTwin(String stream, String twin) {
        ObjectNode accumulated = OpenAiChunkAccumulator.accumulate(events(stream));

        ObjectNode expected = json(twin);
        assertThat(accumulated.get("model")).isEqualTo(expected.get("model"));
        assertThat(normalized(accumulated.get("usage"))).isEqualTo(normalized(expected.get("usage")));
        assertThat(normalized(accumulated.get("choices")))
                .isEqualTo(normalized(withoutUntrackedFields(expected).get("choices")));
    }

    @ParameterizedTest(name = "{0} includeUsage={2}")
    @MethodSource("pairs")
    void decodedStreamReencodedReassemblesIntoTheNonStreamFixture(String stream, String twin, boolean includeUsage) {
        List<SseEvent> original = events(stream);

        List<SseEvent> reencoded = encode(decode(original), includeUsage);

        ObjectNode accumulated = OpenAiChunkAccumulator.accumulate(reencoded);
        ObjectNode header = OpenAiChunkAccumulator.accumulate(original);
        assertThat(normalized(accumulated)).isEqualTo(normalized(expected(twin, header, includeUsage)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void reencodedStreamAccumulatesLikeTheOriginalStream(String stream) {
        List<SseEvent> original = events(stream);

        ObjectNode reencoded = OpenAiChunkAccumulator.accumulate(encode(decode(original), true));

        ObjectNode expected = OpenAiChunkAccumulator.accumulate(original);
        withoutUntrackedUsage((ObjectNode) expected.get("usage"));
        assertThat(normalized(reencoded)).isEqualTo(normalized(expected));
    }

    @Test
    void nTwoResponseStreamedWordByWordReassemblesIntoTheFixture() {
        ObjectNode fixture = json("response.n2.json");
        ChatResponse response = OpenAiResponseMapper.toCanonical(fixture);
        List<StreamEvent> events = StreamEvents.of(response, StreamEvents::words);

        ObjectNode accumulated = OpenAiChunkAccumulator.accumulate(encode(events, true));

        assertThat(normalized(accumulated)).isEqualTo(normalized(expected("response.n2.json", fixture, true)));
    }

    @Test
    void eachChoiceOfAnNTwoStreamGetsItsOwnRoleAndFinishChunk() {
        ChatResponse response = OpenAiResponseMapper.toCanonical(json("response.n2.json"));

        List<SseEvent> sse = encode(StreamEvents.of(response, StreamEvents::words), false);

        for (int choice = 0; choice < 2; choice++) {
            String index = "\"index\":" + choice;
            assertThat(sse).filteredOn(e -> e.data().contains(index) && e.data().contains("\"role\"")).hasSize(1);
            assertThat(sse).filteredOn(e -> e.data().contains(index) && e.data().contains("\"finish_reason\":\"stop\""))
                    .hasSize(1);
        }
    }

    /**
     * The completion the SDK would build from a stream of {@code twin}: the twin's choices and usage (without the
     * fields the gateway does not carry) under the header of {@code head}.
     */
    private static ObjectNode expected(String twin, ObjectNode head, boolean withUsage) {
        ObjectNode source = withoutUntrackedFields(json(twin));
        ObjectNode out = Json.object();
        out.set("id", head.get("id"));
        out.put("object", "chat.completion");
        out.set("created", head.get("created"));
        out.set("model", source.get("model"));
        out.set("choices", source.get("choices"));
        if (withUsage) {
            out.set("usage", source.get("usage"));
        }
        return out;
    }
}
