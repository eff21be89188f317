package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.junction.it.DialectMatrix.Upstream;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The official OpenAI Java SDK against OpenAI, Anthropic and Gemini upstreams through the gateway. */
class OpenAiClientMatrixTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    private static OpenAIClient client() {
        return ENV.gateway().sdk();
    }

    private static ChatCompletionCreateParams.Builder ask(Upstream upstream, String prompt) {
        return ChatCompletionCreateParams.builder().model(upstream.model).addUserMessage(prompt);
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("get_weather")
                .description("The current weather in a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build()).build();
    }

    private static ChatCompletion stream(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> chunks = client().chat().completions().createStreaming(params)) {
            chunks.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    private static ChatCompletionMessageFunctionToolCall onlyCall(ChatCompletion completion) {
        var calls = completion.choices().getFirst().message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(1);
        return calls.getFirst().asFunction();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void plainTextReachesEveryUpstream(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("Bonjour from the upstream"));

        ChatCompletion completion = client().chat().completions().create(ask(upstream, "Say bonjour").build());

        assertThat(completion.choices().getFirst().message().content()).contains("Bonjour from the upstream");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().completionTokens()).isPositive();
        assertThat(ENV.last().body()).contains("Say bonjour");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedTextAccumulatesWithUsage(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("one two three four five"));

        ChatCompletion completion = stream(ask(upstream, "count")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

        assertThat(completion.choices().getFirst().message().content()).contains("one two three four five");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().completionTokens()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedToolConversationTakesTwoTurns(Upstream upstream) {
        ENV.upstream().enqueue(Behavior.toolCalls(DialectMatrix.WEATHER_CALL));
        ENV.upstream().enqueue(Behavior.reply("It is 18 degrees in Paris."));
        ChatCompletionCreateParams.Builder first = ask(upstream, "Weather in Paris?").addTool(weatherTool());

        ChatCompletion call = stream(first.build());

        var fc = onlyCall(call);
        assertThat(call.choices().getFirst().finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(fc.function().name()).isEqualTo("get_weather");
        assertThat(Json.tryParse(fc.function().arguments()).orElseThrow())
                .isEqualTo(Json.tryParse("{\"city\":\"Paris\"}").orElseThrow());

        ChatCompletion answer = stream(first.addMessage(call.choices().getFirst().message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(fc.id()).content("18 degrees, sunny")
                        .build()).build());

        assertThat(answer.choices().getFirst().message().content()).contains("It is 18 degrees in Paris.");
        String[] result = upstream.toolResult(ENV.last().json());
        assertThat(result[0]).isEqualTo("get_weather");
        assertThat(result[1]).contains("18 degrees, sunny");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void imageInputReachesTheUpstreamIntact(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("A tiny transparent square."));
        var image = ChatCompletionContentPartImage.builder().imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                .url("data:image/png;base64," + DialectMatrix.PNG).build()).build();

        ChatCompletion completion = client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model(upstream.model).addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                .text("What is this?").build()),
                        ChatCompletionContentPart.ofImageUrl(image))).build());

        assertThat(completion.choices().getFirst().message().content()).contains("A tiny transparent square.");
        assertThat(ENV.last().body()).contains(DialectMatrix.PNG).contains(upstream.imageType("image/png"));
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void reasoningWithToolsSurvivesTheSecondTurn(Upstream upstream) {
        ENV.upstream().enqueue(Behavior.toolCalls(DialectMatrix.WEATHER_CALL).withThinking("The user wants weather."));
        ENV.upstream().enqueue(Behavior.reply("Sunny."));
        ChatCompletionCreateParams.Builder first = ask(upstream, "Weather in Paris?").addTool(weatherTool())
                .reasoningEffort(ReasoningEffort.MEDIUM);

        ChatCompletion call = client().chat().completions().create(first.build());
        var fc = onlyCall(call);

        // The mock rejects a second turn whose signatures it did not issue, as Anthropic and Gemini do.
        ChatCompletion answer = client().chat().completions().create(first
                .addMessage(call.choices().getFirst().message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(fc.id()).content("sunny").build())
                .build());

        assertThat(answer.choices().getFirst().message().content()).contains("Sunny.");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void unavailableUpstreamRaisesAServerError(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.status(503));

        assertThatThrownBy(() -> client().chat().completions().create(ask(upstream, "hi").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void rateLimitedUpstreamRaisesTheSdksRateLimitError(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.status(429).withHeader("retry-after", "7"));

        assertThatThrownBy(() -> client().chat().completions().create(ask(upstream, "hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.headers().values("retry-after")).containsExactly("7"));
    }
}
