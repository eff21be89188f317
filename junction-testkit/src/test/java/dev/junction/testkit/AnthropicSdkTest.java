package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.ToolUseBlock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The official Anthropic Java SDK as the client: if it parses the mock, the mock speaks Anthropic's wire format. */
@Timeout(20)
class AnthropicSdkTest extends MockUpstreamTestBase {

    private static AnthropicClient anthropic;

    @BeforeAll
    static void createClient() {
        anthropic = AnthropicOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + mock.port()).apiKey("k").maxRetries(0).build();
    }

    @AfterAll
    static void closeClient() {
        anthropic.close();
    }

    @Test
    void echoComesBackAsOneTextBlockThatEndsTheTurn() {
        Message message = anthropic.messages().create(params("What is 2+2?"));

        assertThat(message.id()).startsWith("msg_");
        assertThat(message.content()).singleElement()
                .satisfies(block -> assertThat(block.text().orElseThrow().text())
                        .isEqualTo("Hello from mock upstream: What is 2+2?"));
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(3); // 12 characters / 4
        assertThat(message.usage().outputTokens()).isEqualTo(7); // one per word
    }

    @Test
    void streamedReplyAccumulatesToTheWholeText() {
        mock.enqueue(Behavior.reply("Hello! How can I assist you today?"));

        Message message = accumulate(params("Hi"));

        assertThat(message.content()).singleElement().satisfies(block ->
                assertThat(block.text().orElseThrow().text()).isEqualTo("Hello! How can I assist you today?"));
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(7);
    }

    @Test
    void toolCallsBecomeToolUseBlocksWithToolUIdsAndObjectInputs() {
        mock.enqueue(Behavior.toolCalls());

        Message message = anthropic.messages().create(params("Weather?"));

        assertWeatherToolUses(message);
    }

    @Test
    void streamedToolInputsAccumulateToTheSameObjects() {
        mock.enqueue(Behavior.toolCalls());

        assertWeatherToolUses(accumulate(params("Weather?")));
    }

    @Test
    void thinkingComesFirstWithASignature() {
        mock.enqueue(Behavior.reply("Four.").withThinking("Two plus two is four."));

        Message message = anthropic.messages().create(params("What is 2+2?"));

        assertThinkingThenText(message);
        assertThat(message.usage().outputTokens()).isEqualTo(6); // 5 thinking words + 1
    }

    @Test
    void streamedThinkingAccumulatesWithItsSignature() {
        mock.enqueue(Behavior.reply("Four.").withThinking("Two plus two is four."));

        assertThinkingThenText(accumulate(params("What is 2+2?")));
    }

    @Test
    void status529RaisesTheSdksOverloadedException() {
        mock.enqueue(Behavior.status(529));

        assertThatThrownBy(() -> anthropic.messages().create(params("hi")))
                .isInstanceOfSatisfying(OverloadedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(e.apiMessage()).hasValue("Overloaded");
                });
    }

    @Test
    void status429RaisesTheSdksRateLimitException() {
        mock.enqueue(Behavior.status(429).withHeader("Retry-After", "1"));

        assertThatThrownBy(() -> anthropic.messages().create(params("hi"))).isInstanceOf(RateLimitException.class);
    }

    private static MessageCreateParams params(String userText) {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(1024).addUserMessage(userText).build();
    }

    private static Message accumulate(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private static void assertWeatherToolUses(Message message) {
        List<ToolUseBlock> toolUses = message.content().stream().flatMap(block -> block.toolUse().stream()).toList();
        assertThat(toolUses).extracting(ToolUseBlock::id)
                .containsExactly("toolu_8fxy20OEu9ulvvaa5b5CzVA4", "toolu_Xc4Aiih37EUJvqjoZlu4Vdoi");
        assertThat(toolUses).extracting(ToolUseBlock::name).containsOnly("get_current_weather");
        Map<?, ?> paris = toolUses.get(0)._input().convert(Map.class);
        Map<?, ?> tokyo = toolUses.get(1)._input().convert(Map.class);
        assertThat(paris).isEqualTo(Map.of("location", "Paris, France", "unit", "celsius"));
        assertThat(tokyo).isEqualTo(Map.of("location", "Tokyo, Japan", "unit", "celsius"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    private static void assertThinkingThenText(Message message) {
        assertThat(message.content()).hasSize(2);
        ThinkingBlock thinking = message.content().getFirst().thinking().orElseThrow();
        assertThat(thinking.thinking()).isEqualTo("Two plus two is four.");
        assertThat(thinking.signature()).isNotBlank();
        assertThat(message.content().get(1).text().map(text -> text.text())).hasValue("Four.");
        assertThat(message.content()).extracting(ContentBlock::isThinking).containsExactly(true, false);
    }
}
