package dev.junction.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    private static final List<String> STREAMS = List.of("response.stream.sse", "response.tools.stream.sse",
            "response.stream.error-midstream.sse");

    static Stream<String> streams() {
        return STREAMS.stream();
    }

    /** Seeds for the random chunkings: fixed, so a failure reproduces. */
    static Stream<Arguments> streamsAndSeeds() {
        return STREAMS.stream().flatMap(s -> Stream.of(1L, 2L, 3L, 42L, 1234L).map(seed -> Arguments.of(s, seed)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void fixtureSplitsIntoOneEventPerDataLine(String fixture) {
        byte[] body = fixture(fixture);

        List<SseEvent> events = parse(body, body.length, new Random(0));

        assertThat(events).extracting(SseEvent::data).containsExactlyElementsOf(dataLines(body));
        assertThat(events).extracting(SseEvent::event).containsOnly("");
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("streamsAndSeeds")
    void fixtureFedInRandomChunksOfOneToSevenBytesGivesTheSameEvents(String fixture, long seed) {
        byte[] body = fixture(fixture);

        List<SseEvent> events = parse(body, 7, new Random(seed));

        assertThat(events).extracting(SseEvent::data).containsExactlyElementsOf(dataLines(body));
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("streamsAndSeeds")
    void rawBytesOfTheEventsConcatenateToTheInput(String fixture, long seed) {
        byte[] body = fixture(fixture);

        List<SseEvent> events = parse(body, 7, new Random(seed));

        Buffer joined = Buffer.buffer();
        events.forEach(e -> joined.appendBuffer(e.raw()));
        assertThat(joined.getBytes()).isEqualTo(body);
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("streamsAndSeeds")
    void crlfLineEndsGiveTheSameEventsAsLf(String fixture, long seed) {
        byte[] body = fixture(fixture);
        byte[] crlf = new String(body, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);

        List<SseEvent> events = parse(crlf, 7, new Random(seed));

        assertThat(events).extracting(SseEvent::data).containsExactlyElementsOf(dataLines(body));
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3})
    void bareCarriageReturnLineEndsAreAccepted(long seed) {
        byte[] body = "data: a\r\rdata: b\r\r".getBytes(StandardCharsets.UTF_8);

        List<SseEvent> events = parse(body, 3, new Random(seed));

        assertThat(events).extracting(SseEvent::data).containsExactly("a", "b");
    }

    @Test
    void multibyteCharactersSplitAcrossChunksDecodeIntact() {
        byte[] body = "data: {\"content\":\"18°C, café, 東京\"}\n\n".getBytes(StandardCharsets.UTF_8);

        List<SseEvent> events = parse(body, 1, new Random(0));

        assertThat(events).extracting(SseEvent::data).containsExactly("{\"content\":\"18°C, café, 東京\"}");
    }

    @Test
    void multipleDataLinesOfOneEventJoinWithNewlines() {
        List<SseEvent> events = parseAll("data: first\ndata: second\n\n");

        assertThat(events).extracting(SseEvent::data).containsExactly("first\nsecond");
    }

    @Test
    void eventFieldAndDataWithoutASpaceAreRead() {
        List<SseEvent> events = parseAll("event: message_start\ndata:{\"a\":1}\n\n");

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("message_start");
            assertThat(e.data()).isEqualTo("{\"a\":1}");
        });
    }

    @Test
    void commentOnlyEventIsKeptRawButCarriesNoData() {
        List<SseEvent> events = parseAll(": OPENROUTER PROCESSING\n\ndata: x\n\n");

        assertThat(events).extracting(SseEvent::data).containsExactly("", "x");
        assertThat(events.getFirst().raw().toString(StandardCharsets.UTF_8)).isEqualTo(": OPENROUTER PROCESSING\n\n");
    }

    @Test
    void endFlushesAFinalEventWithoutABlankLine() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(Buffer.buffer("data: [DONE]"));
        assertThat(events).isEmpty();

        parser.end();

        assertThat(events).extracting(SseEvent::data).containsExactly("[DONE]");
    }

    @Test
    void endIgnoresTrailingWhitespace() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(Buffer.buffer("data: a\n\n\n"));

        parser.end();

        assertThat(events).extracting(SseEvent::data).containsExactly("a");
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void extraBlankLinesBetweenEventsGiveTheSameEventsWhateverTheChunking(long seed) {
        byte[] body = "data: a\n\n\n\ndata: b\n\n".getBytes(StandardCharsets.UTF_8);

        List<SseEvent> chunked = parse(body, 4, new Random(seed));

        assertThat(chunked).extracting(SseEvent::data)
                .containsExactlyElementsOf(parse(body, body.length, new Random(0)).stream().map(SseEvent::data)
                        .toList());
    }

    private static List<SseEvent> parseAll(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, bytes.length, new Random(0));
    }

    /** Feeds {@code body} in chunks of 1 to {@code maxChunk} bytes, then ends the stream. */
    private static List<SseEvent> parse(byte[] body, int maxChunk, Random random) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        int offset = 0;
        while (offset < body.length) {
            int size = Math.min(body.length - offset, 1 + random.nextInt(maxChunk));
            parser.feed(Buffer.buffer(Arrays.copyOfRange(body, offset, offset + size)));
            offset += size;
        }
        parser.end();
        return events;
    }

    /** What an SSE reader must deliver: each fixture event is a single {@code data: } line. */
    private static List<String> dataLines(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("data: "))
                .map(line -> line.substring("data: ".length()))
                .toList();
    }

    private static byte[] fixture(String name) {
        try (InputStream in = SseParserTest.class.getResourceAsStream("/fixtures/openai-chat/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
