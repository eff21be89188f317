package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The official google-genai Java SDK as the client: if it parses the mock, the mock speaks Gemini's wire format. */
@Timeout(20)
class GeminiSdkTest extends MockUpstreamTestBase {

    private static final String MODEL = "gemini-2.5-flash";

    private static Client gemini;

    @BeforeAll
    static void createClient() {
        // One attempt: the SDK would otherwise retry 429 and 5xx and consume the next behaviour.
        gemini = Client.builder().apiKey("k").httpOptions(HttpOptions.builder()
                .baseUrl("http://127.0.0.1:" + mock.port())
                .retryOptions(HttpRetryOptions.builder().attempts(1).build())
                .build()).build();
    }

    @AfterAll
    static void closeClient() {
        gemini.close();
    }

    @Test
    void echoComesBackAsTheCandidatesTextFinishingWithStop() {
        GenerateContentResponse response = gemini.models.generateContent(MODEL, "What is 2+2?", null);

        assertThat(response.text()).isEqualTo("Hello from mock upstream: What is 2+2?");
        assertThat(response.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        var usage = response.usageMetadata().orElseThrow();
        assertThat(usage.promptTokenCount()).hasValue(3);
        assertThat(usage.candidatesTokenCount()).hasValue(7);
        assertThat(usage.totalTokenCount()).hasValue(10);
        assertThat(response.modelVersion()).hasValue(MODEL);
    }

    @Test
    void streamedChunksConcatenateToTheReplyWithCumulativeUsage() {
        mock.enqueue(Behavior.reply("Hello! How can I assist you today?"));

        List<GenerateContentResponse> chunks = stream("Hi");

        assertThat(chunks).hasSize(7);
        assertThat(chunks.stream().map(GenerateContentResponse::text).reduce("", String::concat))
                .isEqualTo("Hello! How can I assist you today?");
        assertThat(chunks).extracting(chunk -> chunk.usageMetadata().orElseThrow().candidatesTokenCount().orElseThrow())
                .containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(chunks.getLast().finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertThat(chunks).extracting(chunk -> chunk.responseId().orElseThrow()).containsOnly(chunks.getFirst().responseId().orElseThrow());
    }

    @Test
    void toolCallsBecomeFunctionCallsWithObjectArgs() {
        mock.enqueue(Behavior.toolCalls());

        GenerateContentResponse response = gemini.models.generateContent(MODEL, "Weather?", null);

        assertWeatherCalls(response.functionCalls());
        assertThat(response.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
    }

    @Test
    void streamedToolCallsArriveWholeInOneChunk() {
        mock.enqueue(Behavior.toolCalls());

        List<GenerateContentResponse> chunks = stream("Weather?");

        assertThat(chunks).singleElement().satisfies(chunk -> assertWeatherCalls(chunk.functionCalls()));
    }

    @Test
    void thinkingShowsAsAThoughtPartAndSignsTheFirstFunctionCall() {
        mock.enqueue(Behavior.toolCalls().withThinking("Two cities, two calls."));

        GenerateContentResponse response = gemini.models.generateContent(MODEL, "Weather?", null);

        List<Part> parts = response.parts();
        assertThat(parts).hasSize(3);
        assertThat(parts.getFirst().thought()).hasValue(true);
        assertThat(parts.getFirst().text()).hasValue("Two cities, two calls.");
        assertThat(parts.get(1).functionCall()).isPresent();
        assertThat(parts.get(1).thoughtSignature()).hasValueSatisfying(signature -> assertThat(signature).isNotEmpty());
        assertThat(parts.get(2).thoughtSignature()).isEmpty();
        assertThat(response.usageMetadata().orElseThrow().thoughtsTokenCount()).hasValue(4);
    }

    @Test
    void streamedThoughtsComeBeforeTheSignedAnswerText() {
        mock.enqueue(Behavior.reply("Four.").withThinking("Two plus two is four."));

        List<Part> parts = stream("What is 2+2?").stream().flatMap(chunk -> chunk.parts().stream()).toList();

        assertThat(parts).extracting(part -> part.thought().orElse(false)).containsExactly(true, true, true, true, true, false);
        assertThat(parts.getLast().text()).hasValue("Four.");
        assertThat(parts.getLast().thoughtSignature()).isPresent();
    }

    @Test
    void status429RaisesAClientExceptionWithResourceExhausted() {
        mock.enqueue(Behavior.status(429));

        assertThatThrownBy(() -> gemini.models.generateContent(MODEL, "hi", null))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(429);
                    assertThat(e.status()).isEqualTo("RESOURCE_EXHAUSTED");
                });
    }

    @Test
    void status503RaisesAServerExceptionWithUnavailable() {
        mock.enqueue(Behavior.status(503));

        assertThatThrownBy(() -> gemini.models.generateContent(MODEL, "hi", null))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(e.code()).isEqualTo(503);
                    assertThat(e.status()).isEqualTo("UNAVAILABLE");
                    assertThat(e.message()).isEqualTo("The model is overloaded. Please try again later.");
                });
    }

    @Test
    void embedContentGivesTheSameEightValuesForTheSameText() {
        EmbedContentResponse first = gemini.models.embedContent("gemini-embedding-001", "reset my password", null);
        EmbedContentResponse again = gemini.models.embedContent("gemini-embedding-001", "reset my password", null);
        EmbedContentResponse other = gemini.models.embedContent("gemini-embedding-001", "something else", null);

        List<Float> values = first.embeddings().orElseThrow().getFirst().values().orElseThrow();
        assertThat(values).hasSize(8);
        assertThat(again.embeddings().orElseThrow().getFirst().values()).hasValue(values);
        assertThat(other.embeddings().orElseThrow().getFirst().values().orElseThrow()).isNotEqualTo(values);
    }

    @Test
    void countTokensEstimatesACharacterPerFourWithoutTakingABehaviour() {
        mock.enqueue(Behavior.reply("still queued"));

        assertThat(gemini.models.countTokens(MODEL, "0123456789abcdef", null).totalTokens()).hasValue(4);
        assertThat(gemini.models.generateContent(MODEL, "hi", null).text()).isEqualTo("still queued");
    }

    private static List<GenerateContentResponse> stream(String userText) {
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream = gemini.models.generateContentStream(MODEL, userText, null)) {
            stream.forEach(chunks::add);
        }
        return chunks;
    }

    private static void assertWeatherCalls(List<FunctionCall> calls) {
        assertThat(calls).extracting(call -> call.name().orElseThrow()).containsOnly("get_current_weather");
        assertThat(calls).extracting(call -> call.args().orElseThrow()).containsExactly(
                Map.of("location", "Paris, France", "unit", "celsius"),
                Map.of("location", "Tokyo, Japan", "unit", "celsius"));
    }
}
