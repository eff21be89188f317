package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;
import dev.junction.it.DialectMatrix.Upstream;
import dev.junction.testkit.Behavior;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The official Google Gen AI Java SDK against OpenAI, Anthropic and Gemini upstreams through the gateway. */
class GeminiClientMatrixTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    private static Client client;

    private static synchronized Client client() {
        if (client == null) {
            // One attempt: the SDK's own retries would hide the status under test and take seconds each.
            client = Client.builder().apiKey(Gateway.KEY).httpOptions(HttpOptions.builder()
                    .baseUrl(ENV.gateway().baseUrl()).retryOptions(HttpRetryOptions.builder().attempts(1)).build())
                    .build();
        }
        return client;
    }

    private static GenerateContentConfig tools() {
        return GenerateContentConfig.builder().tools(Tool.builder().functionDeclarations(FunctionDeclaration.builder()
                .name("get_weather").description("The current weather in a city")
                .parameters(Schema.builder().type(Type.Known.OBJECT)
                        .properties(Map.of("city", Schema.builder().type(Type.Known.STRING).build()))
                        .required("city").build()))).build();
    }

    private static Content user(Part... parts) {
        return Content.builder().role("user").parts(parts).build();
    }

    private static List<GenerateContentResponse> stream(String model, List<Content> contents,
                                                        GenerateContentConfig config) {
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream = client().models.generateContentStream(model, contents,
                config)) {
            stream.forEach(chunks::add);
        }
        return chunks;
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void plainTextReachesEveryUpstream(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("Bonjour from the upstream"));

        GenerateContentResponse response = client().models.generateContent(upstream.model, "Say bonjour", null);

        assertThat(response.text()).isEqualTo("Bonjour from the upstream");
        assertThat(response.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertThat(response.usageMetadata().orElseThrow().totalTokenCount().orElseThrow()).isPositive();
        assertThat(ENV.last().body()).contains("Say bonjour");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedTextArrivesInOrder(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("one two three four five"));

        List<GenerateContentResponse> chunks = stream(upstream.model, List.of(user(Part.fromText("count"))), null);

        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> {
            String t = c.text();
            if (t != null) {
                text.append(t);
            }
        });
        assertThat(text).hasToString("one two three four five");
        assertThat(chunks.getLast().finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertThat(chunks.getLast().usageMetadata().orElseThrow().candidatesTokenCount().orElseThrow()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void toolConversationTakesTwoTurns(Upstream upstream) {
        ENV.upstream().enqueue(Behavior.toolCalls(DialectMatrix.WEATHER_CALL));
        ENV.upstream().enqueue(Behavior.reply("It is 18 degrees in Paris."));
        List<Content> history = new ArrayList<>(List.of(user(Part.fromText("Weather in Paris?"))));

        GenerateContentResponse call = client().models.generateContent(upstream.model, history, tools());

        FunctionCall fc = call.functionCalls().getFirst();
        assertThat(call.functionCalls()).hasSize(1);
        assertThat(fc.name()).contains("get_weather");
        assertThat(fc.args().orElseThrow()).isEqualTo(Map.of("city", "Paris"));

        history.add(call.candidates().orElseThrow().getFirst().content().orElseThrow());
        history.add(user(Part.fromFunctionResponse("get_weather", Map.of("forecast", "18 degrees, sunny"))));
        GenerateContentResponse answer = client().models.generateContent(upstream.model, history, tools());

        assertThat(answer.text()).isEqualTo("It is 18 degrees in Paris.");
        String[] result = upstream.toolResult(ENV.last().json());
        assertThat(result[0]).isEqualTo("get_weather");
        assertThat(result[1]).contains("18 degrees, sunny");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void imageInputReachesTheUpstreamIntact(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("A tiny transparent square."));

        GenerateContentResponse response = client().models.generateContent(upstream.model, user(
                Part.fromBytes(Base64.getDecoder().decode(DialectMatrix.PNG), "image/png"),
                Part.fromText("What is this?")), null);

        assertThat(response.text()).isEqualTo("A tiny transparent square.");
        assertThat(ENV.last().body()).contains(DialectMatrix.PNG).contains(upstream.imageType("image/png"));
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void thinkingWithToolsSurvivesTheSecondTurn(Upstream upstream) {
        ENV.upstream().enqueue(Behavior.toolCalls(DialectMatrix.WEATHER_CALL).withThinking("The user wants weather."));
        ENV.upstream().enqueue(Behavior.reply("Sunny."));
        GenerateContentConfig config = tools().toBuilder()
                .thinkingConfig(ThinkingConfig.builder().includeThoughts(true).thinkingBudget(2048)).build();
        List<Content> history = new ArrayList<>(List.of(user(Part.fromText("Weather in Paris?"))));

        GenerateContentResponse call = client().models.generateContent(upstream.model, history, config);

        Content turn = call.candidates().orElseThrow().getFirst().content().orElseThrow();
        if (upstream != Upstream.OPENAI) { // OpenAI's reasoning is hidden; the others show it
            assertThat(turn.parts().orElseThrow()).anySatisfy(p -> assertThat(p.thought()).contains(true));
        }
        history.add(turn);
        history.add(user(Part.fromFunctionResponse("get_weather", Map.of("forecast", "sunny"))));

        // The mock rejects a second turn whose signatures it did not issue, as Anthropic and Gemini do.
        GenerateContentResponse answer = client().models.generateContent(upstream.model, history, config);

        assertThat(answer.text()).isEqualTo("Sunny.");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void unavailableUpstreamRaisesAServerError(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.status(503));

        assertThatThrownBy(() -> client().models.generateContent(upstream.model, "hi", null))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(e.code()).isEqualTo(503);
                    assertThat(e.status()).isEqualTo("UNAVAILABLE");
                });
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void rateLimitedUpstreamRaisesResourceExhausted(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.status(429));

        assertThatThrownBy(() -> client().models.generateContent(upstream.model, "hi", null))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(429);
                    assertThat(e.status()).isEqualTo("RESOURCE_EXHAUSTED");
                });
    }
}
