package dev.junction.dialect.gemini;

import static dev.junction.dialect.gemini.GeminiFixtures.accumulate;
import static dev.junction.dialect.gemini.GeminiFixtures.decode;
import static dev.junction.dialect.gemini.GeminiFixtures.normalised;
import static dev.junction.dialect.gemini.GeminiFixtures.reencode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.openai.OpenAiResponseMapper;
import dev.junction.dialect.openai.OpenAiStreamDecoder;
import dev.junction.model.ChatResponse;
import dev.junction.model.StreamEvent;
import dev.junction.secret.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams against their non-stream twins ({@code *.stream.*} pairs with the same-named fixture): decoded, and
 * re-encoded by the Gemini encoder in both framings then decoded again, every stream accumulates into the response
 * its twin describes — text, tool calls with arguments, signatures, finish reason and usage. Tool-call ids are
 * generated afresh on every decode and blanked before comparing.
 */
class GeminiStreamRoundTripTest {

    static Stream<Arguments> geminiTwins() {
        return Stream.of(Arguments.of("response.stream.sse", "response.basic.json"),
                Arguments.of("response.tools.stream.sse", "response.tools.json"));
    }

    static Stream<Arguments> geminiTwinsInBothFramings() {
        return geminiTwins().flatMap(a -> Stream.of(true, false).map(sse -> Arguments.of(a.get()[0], a.get()[1], sse)));
    }

    static Stream<Arguments> openAiTwinsInBothFramings() {
        return Stream.of("response.stream.sse|response.basic.json", "response.tools.stream.sse|response.tools.json")
                .flatMap(pair -> Stream.of(true, false).map(sse -> Arguments.of(pair.split("\\|")[0],
                        pair.split("\\|")[1], sse)));
    }

    @ParameterizedTest(name = "{0} ↔ {1}")
    @MethodSource("geminiTwins")
    void aDecodedGeminiStreamAccumulatesIntoItsNonStreamTwin(String stream, String twin) {
        ChatResponse accumulated = accumulate(decode(geminiEvents(stream)));

        assertThat(accumulated).isEqualTo(expected(twin));
    }

    @ParameterizedTest(name = "{0} sse={2}")
    @MethodSource("geminiTwinsInBothFramings")
    void aGeminiStreamReencodedAndDecodedAgainStillAccumulatesIntoItsTwin(String stream, String twin, boolean sse) {
        ChatResponse accumulated = accumulate(reencode(decode(geminiEvents(stream)), sse));

        assertThat(accumulated).isEqualTo(expected(twin));
    }

    @ParameterizedTest(name = "openai {0} sse={2}")
    @MethodSource("openAiTwinsInBothFramings")
    void anOpenAiStreamThroughTheGeminiEncoderAccumulatesIntoTheOpenAiTwin(String stream, String twin, boolean sse) {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(Redactor.patternsOnly());
        List<StreamEvent> events = new ArrayList<>();
        GeminiFixtures.parseSse(GeminiFixtures.text(GeminiFixtures.OPENAI, stream))
                .forEach(e -> events.addAll(decoder.decode(e.data())));

        ChatResponse accumulated = accumulate(reencode(events, sse));

        ChatResponse expected = normalised(OpenAiResponseMapper.toCanonical(GeminiFixtures.openai(twin)));
        assertThat(accumulated.choices()).isEqualTo(expected.choices());
        assertThat(accumulated.usage()).isEqualTo(expected.usage());
        assertThat(accumulated.model()).isEqualTo(expected.model());
        assertThat(accumulated.choices()).isNotEmpty();
    }

    private static ChatResponse expected(String twin) {
        return normalised(GeminiResponseMapper.toCanonical(GeminiFixtures.gemini(twin)));
    }

    private static List<dev.junction.upstream.SseEvent> geminiEvents(String stream) {
        return GeminiFixtures.parseSse(GeminiFixtures.text(GeminiFixtures.GEMINI, stream));
    }
}
