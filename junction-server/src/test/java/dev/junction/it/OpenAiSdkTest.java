package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.junction.testkit.Behavior;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official OpenAI Java SDK against a running gateway that forwards to an OpenAI-speaking mock upstream. */
class OpenAiSdkTest {

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension("");
    private static OpenAIClient client() {
        return ENV.gateway().sdk();
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String prompt) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt);
    }

    @Test
    void plainCompletionReturnsTheUpstreamReply() {
        ChatCompletion completion = client().chat().completions().create(ask("openai/gpt-4o", "Bonjour").build());

        assertThat(completion.choices().getFirst().message().content()).contains("Hello from mock upstream: Bonjour");
        assertThat(completion.usage()).isPresent();
        assertThat(ENV.upstream().lastRequest().orElseThrow().json().get("model").asString()).isEqualTo("gpt-4o");
    }

    @Test
    void unprefixedCatalogModelIsRoutedToItsProvider() {
        ChatCompletion completion = client().chat().completions().create(ask("gpt-4o-mini", "hi").build());

        assertThat(completion.choices().getFirst().message().content()).isPresent();
        assertThat(ENV.upstream().lastRequest().orElseThrow().json().get("model").asString()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void upstreamReceivesTheGatewaysKeyNotTheClients() {
        client().chat().completions().create(ask("openai/gpt-4o", "hi").build());

        var headers = ENV.upstream().lastRequest().orElseThrow().headers();
        assertThat(headers.get("authorization")).containsExactly("Bearer sk-upstream-secret-abcdef123456");
    }

    @Test
    void streamedReplyAssemblesToTheUpstreamText() {
        ENV.upstream().setDefault(Behavior.reply("one two three four five"));
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions()
                .createStreaming(ask("openai/gpt-4o", "count").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }

        assertThat(text).hasToString("one two three four five");
    }

    @Test
    void usageChunkIsWithheldWhenTheClientDidNotAskForIt() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions()
                .createStreaming(ask("openai/gpt-4o", "hi").build())) {
            chunks = stream.stream().toList();
        }

        assertThat(ENV.upstream().lastRequest().orElseThrow().json().at("/stream_options/include_usage").asBoolean())
                .as("the gateway asks the upstream for usage to account for it").isTrue();
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.choices()).isNotEmpty());
    }

    @Test
    void usageChunkIsDeliveredWhenTheClientAskedForIt() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(
                ask("openai/gpt-4o", "hi").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true)
                        .build()).build())) {
            chunks = stream.stream().toList();
        }

        assertThat(chunks.getLast().choices()).isEmpty();
        assertThat(chunks.getLast().usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isPositive());
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_current_weather")
                .description("Get the current weather in a given location")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("location",
                                Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("location")))
                        .build())
                .build()).build();
    }

    @Test
    void toolCallsReachTheClientWithTheirArguments() {
        ENV.upstream().setDefault(Behavior.toolCalls());
        ChatCompletion completion = client().chat().completions().create(
                ask("openai/gpt-4o", "Weather in Paris and Tokyo?").addTool(weatherTool()).build());

        List<ChatCompletionMessageToolCall> calls = completion.choices().getFirst().message().toolCalls()
                .orElseThrow();
        assertThat(calls).hasSize(2);
        assertThat(calls.getFirst().asFunction().function().name()).isEqualTo("get_current_weather");
        assertThat(calls.getFirst().asFunction().function().arguments()).contains("Paris");
        assertThat(completion.choices().getFirst().finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(ENV.upstream().lastRequest().orElseThrow().json().get("tools")).hasSize(1);
    }

    @Test
    void streamedToolCallsAccumulateIntoCompleteArguments() {
        ENV.upstream().setDefault(Behavior.toolCalls());
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(
                ask("openai/gpt-4o", "Weather in Paris and Tokyo?").addTool(weatherTool()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        var message = accumulator.chatCompletion().choices().getFirst().message();
        assertThat(message.toolCalls().orElseThrow()).extracting(c -> c.asFunction().function().arguments())
                .containsExactly("{\"location\":\"Paris, France\",\"unit\":\"celsius\"}",
                        "{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}");
    }

    @Test
    void imagePartsReachTheUpstreamUnchanged() {
        var image = com.openai.models.chat.completions.ChatCompletionContentPartImage.builder()
                .imageUrl(com.openai.models.chat.completions.ChatCompletionContentPartImage.ImageUrl.builder()
                        .url("data:image/png;base64,iVBORw0KGgo=").detail(
                                com.openai.models.chat.completions.ChatCompletionContentPartImage.ImageUrl.Detail.LOW)
                        .build())
                .build();
        client().chat().completions().create(ChatCompletionCreateParams.builder().model("openai/gpt-4o")
                .addUserMessageOfArrayOfContentParts(List.of(
                        com.openai.models.chat.completions.ChatCompletionContentPart.ofText(
                                com.openai.models.chat.completions.ChatCompletionContentPartText.builder()
                                        .text("What is this?").build()),
                        com.openai.models.chat.completions.ChatCompletionContentPart.ofImageUrl(image)))
                .build());

        var part = ENV.upstream().lastRequest().orElseThrow().json().at("/messages/0/content/1");
        assertThat(part.at("/type").asString()).isEqualTo("image_url");
        assertThat(part.at("/image_url/url").asString()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThat(part.at("/image_url/detail").asString()).isEqualTo("low");
    }

    @Test
    void samplingAndFormatParametersPassThroughUntouched() {
        client().chat().completions().create(ask("openai/gpt-4o", "JSON please").n(2).logprobs(true).topLogprobs(2)
                .responseFormat(com.openai.models.ResponseFormatJsonObject.builder().build()).build());

        var sent = ENV.upstream().lastRequest().orElseThrow().json();
        assertThat(sent.get("n").asInt()).isEqualTo(2);
        assertThat(sent.get("logprobs").asBoolean()).isTrue();
        assertThat(sent.get("top_logprobs").asInt()).isEqualTo(2);
        assertThat(sent.at("/response_format/type").asString()).isEqualTo("json_object");
    }

    @Test
    void upstreamClientErrorSurfacesAsBadRequestWithItsMessage() {
        ENV.upstream().enqueue(Behavior.status(400));

        assertThatThrownBy(() -> client().chat().completions().create(ask("openai/gpt-4o", "hi").build()))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void wrongGatewayKeyIsUnauthorized() {
        OpenAIClient stranger = OpenAIOkHttpClient.builder().baseUrl(ENV.gateway().baseUrl() + "/v1")
                .apiKey("jk-not-a-real-key-000000").maxRetries(0).build();

        assertThatThrownBy(() -> stranger.chat().completions().create(ask("mock/echo", "hi").build()))
                .isInstanceOf(UnauthorizedException.class);
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @Test
    void unknownModelIsNotFoundAndListsTheKnownOnes() {
        assertThatThrownBy(() -> client().chat().completions().create(ask("no-such-model", "hi").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-model")
                .hasMessageContaining("mock/echo");
    }

    @Test
    void upstreamServerErrorBecomesBadGatewayAfterFailoverIsExhausted() {
        ENV.upstream().enqueue(Behavior.status(500));

        assertThatThrownBy(() -> client().chat().completions().create(ask("openai/gpt-4o", "hi").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
    }

    @Test
    void upstreamRateLimitIsRelayedAsRateLimit() {
        ENV.upstream().enqueue(Behavior.status(429).withHeader("retry-after", "7"));

        assertThatThrownBy(() -> client().chat().completions().create(ask("openai/gpt-4o", "hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.headers().values("retry-after"))
                        .containsExactly("7"));
    }

    @Test
    void modelListIncludesTheMockAndTheCatalogModels() {
        List<String> ids = client().models().list().autoPager().stream().map(Model::id).toList();

        assertThat(ids).contains("mock/echo", "mock/tools", "openai/gpt-4o");
    }

    @Test
    void builtInMockStreamsTheEchoWordByWord() {
        List<String> pieces = new java.util.ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions()
                .createStreaming(ask("mock/echo", "the quick brown fox").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content()
                    .filter(s -> !s.isEmpty()).ifPresent(pieces::add)));
        }

        assertThat(pieces).containsExactly("the", " quick", " brown", " fox");
        assertThat(ENV.upstream().requestCount()).isZero();
    }
}
