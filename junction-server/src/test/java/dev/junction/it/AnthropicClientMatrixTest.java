package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.ImageBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.junction.it.DialectMatrix.Upstream;
import dev.junction.testkit.Behavior;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official Anthropic Java SDK, used the way Claude Code uses it (streaming, tools, thinking), against OpenAI,
 * Anthropic and Gemini upstreams through the gateway.
 */
class AnthropicClientMatrixTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    private static AnthropicClient client;

    private static synchronized AnthropicClient client() {
        if (client == null) {
            client = AnthropicOkHttpClient.builder().baseUrl(ENV.gateway().baseUrl()).apiKey(Gateway.KEY)
                    .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
        }
        return client;
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private static MessageCreateParams.Builder ask(Upstream upstream, String prompt) {
        return MessageCreateParams.builder().model(upstream.model).maxTokens(4096).addUserMessage(prompt);
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("The current weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string"))).build())
                        .putAdditionalProperty("required", JsonValue.from(List.of("city"))).build())
                .build();
    }

    private static Message stream(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = client().messages().createStreaming(params)) {
            events.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private static String text(Message message) {
        StringBuilder sb = new StringBuilder();
        message.content().forEach(block -> block.text().ifPresent(t -> sb.append(t.text())));
        return sb.toString();
    }

    private static ToolUseBlock onlyToolUse(Message message) {
        List<ToolUseBlock> uses = message.content().stream().flatMap(b -> b.toolUse().stream()).toList();
        assertThat(uses).hasSize(1);
        return uses.getFirst();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void plainTextReachesEveryUpstream(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("Bonjour from the upstream"));

        Message message = client().messages().create(ask(upstream, "Say bonjour").build());

        assertThat(text(message)).isEqualTo("Bonjour from the upstream");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
        assertThat(ENV.last().body()).contains("Say bonjour");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedTextAccumulatesToTheUpstreamReply(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("one two three four five"));

        Message message = stream(ask(upstream, "count").build());

        assertThat(text(message)).isEqualTo("one two three four five");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedToolConversationTakesTwoTurns(Upstream upstream) {
        ENV.upstream().enqueue(Behavior.toolCalls(DialectMatrix.WEATHER_CALL));
        ENV.upstream().enqueue(Behavior.reply("It is 18 degrees in Paris."));
        MessageCreateParams.Builder first = ask(upstream, "Weather in Paris?").addTool(weatherTool());

        Message call = stream(first.build());

        ToolUseBlock use = onlyToolUse(call);
        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input()).isEqualTo(JsonValue.from(Map.of("city", "Paris")));

        Message answer = stream(first.addMessage(call.toParam()).addUserMessageOfContentBlockParams(List.of(
                ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId(use.id())
                        .content("18 degrees, sunny").build()))).build());

        assertThat(text(answer)).isEqualTo("It is 18 degrees in Paris.");
        String[] result = upstream.toolResult(ENV.last().json());
        assertThat(result[0]).isEqualTo("get_weather");
        assertThat(result[1]).contains("18 degrees, sunny");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void imageInputReachesTheUpstreamIntact(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("A tiny transparent square."));

        Message message = client().messages().create(MessageCreateParams.builder().model(upstream.model)
                .maxTokens(256).addUserMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofImage(ImageBlockParam.builder().source(Base64ImageSource.builder()
                                .data(DialectMatrix.PNG).mediaType(Base64ImageSource.MediaType.IMAGE_PNG).build())
                                .build()),
                        ContentBlockParam.ofText(TextBlockParam.builder().text("What is this?").build())))
                .build());

        assertThat(text(message)).isEqualTo("A tiny transparent square.");
        assertThat(ENV.last().body()).contains(DialectMatrix.PNG).contains(upstream.imageType("image/png"));
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void thinkingWithToolsSurvivesTheSecondTurn(Upstream upstream) {
        ENV.upstream().enqueue(Behavior.toolCalls(DialectMatrix.WEATHER_CALL).withThinking("The user wants weather."));
        ENV.upstream().enqueue(Behavior.reply("Sunny."));
        MessageCreateParams.Builder first = ask(upstream, "Weather in Paris?").addTool(weatherTool())
                .enabledThinking(2048);

        Message call = stream(first.build());

        if (upstream != Upstream.OPENAI) { // OpenAI's reasoning is hidden; the others show it
            var thinking = call.content().stream().flatMap(b -> b.thinking().stream()).toList();
            assertThat(thinking).anySatisfy(t -> assertThat(t.thinking()).isEqualTo("The user wants weather."));
            // Gemini signs the function call rather than the thought: its signature arrives in a block of its own.
            assertThat(thinking).anySatisfy(t -> assertThat(t.signature()).isNotBlank());
        }
        ToolUseBlock use = onlyToolUse(call);

        // The mock rejects a second turn whose signatures it did not issue, as Anthropic and Gemini do.
        Message answer = stream(first.addMessage(call.toParam()).addUserMessageOfContentBlockParams(List.of(
                ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId(use.id())
                        .content("sunny").build()))).build());

        assertThat(text(answer)).isEqualTo("Sunny.");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void overloadedUpstreamRaisesTheSdksOverloadedError(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.status(503));

        assertThatThrownBy(() -> client().messages().create(ask(upstream, "hi").build()))
                .isInstanceOf(OverloadedException.class);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void rateLimitedUpstreamRaisesTheSdksRateLimitError(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.status(429).withHeader("retry-after", "7"));

        assertThatThrownBy(() -> client().messages().create(ask(upstream, "hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.headers().values("retry-after")).containsExactly("7"));
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void droppedParametersAreNamedInAHeader(Upstream upstream) {
        ENV.upstream().setDefault(Behavior.reply("ok"));

        var response = client().messages().withRawResponse().create(ask(upstream, "hi")
                .putAdditionalBodyProperty("top_k", JsonValue.from(5)).build());

        var dropped = response.headers().values("x-junction-dropped");
        if (upstream == Upstream.OPENAI || upstream == Upstream.RESPONSES) {
            assertThat(dropped).containsExactly("top_k");
        } else {
            assertThat(dropped).isEmpty();
        }
    }
}
