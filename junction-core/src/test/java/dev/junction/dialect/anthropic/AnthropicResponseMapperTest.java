package dev.junction.dialect.anthropic;

import static dev.junction.dialect.anthropic.AnthropicFixtures.json;
import static dev.junction.dialect.anthropic.AnthropicFixtures.names;
import static dev.junction.dialect.anthropic.AnthropicFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Complete responses: fixture round trips, signature provenance and usage conversion. */
class AnthropicResponseMapperTest {

    /** The Messages responses; count_tokens and models answers are other endpoints. */
    static Stream<String> responses() {
        return names("response.", ".json").filter(n -> !n.contains("count_tokens") && !n.contains("models"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void responseFixtureSurvivesTheCanonicalRoundTripExactly(String name) {
        ObjectNode original = json(name);

        ObjectNode written = AnthropicResponseMapper.fromCanonical(AnthropicResponseMapper.toCanonical(original));

        assertThat(normalized(written)).isEqualTo(normalized(original));
    }

    @Test
    void cacheCountsAreAddedIntoTheInclusiveCanonicalInput() {
        ChatResponse response = AnthropicResponseMapper.toCanonical(json("response.cache-hit.json"));

        assertThat(response.usage()).isEqualTo(new Usage(12 + 1804, 19, 1804, 0, 0));
    }

    @Test
    void aThinkingSignatureIsTaggedAsAnthropics() {
        ChatResponse response = AnthropicResponseMapper.toCanonical(json("response.thinking.json"));

        ContentPart.Thinking thinking = (ContentPart.Thinking) response.choices().getFirst().message().content()
                .getFirst();
        assertThat(thinking.signature()).hasValueSatisfying(s ->
                assertThat(ThoughtSignature.origin(s)).contains(Dialect.ANTHROPIC));
    }

    @Test
    void aForeignSignatureIsShownTaggedAndTextAfterToolCallsKeepsItsOrder() {
        String gemini = ThoughtSignature.tag(Dialect.GEMINI, "g-sig");
        ChatResponse response = new ChatResponse("chatcmpl-1", "gpt", 1, List.of(new Choice(0, new Message(
                Role.ASSISTANT, List.of(new ContentPart.Thinking("t", Optional.of(gemini), false),
                new ContentPart.Refusal("no"), new ContentPart.ToolCall("call_1", "f", "{\"a\":1}"),
                new ContentPart.ToolCall("call_2", "g", "not json")), Optional.empty()),
                Optional.of(FinishReason.CONTENT_FILTER), List.of())), Usage.ZERO, Extensions.none());

        ObjectNode body = AnthropicResponseMapper.fromCanonical(response);

        assertThat(body.get("content")).isEqualTo(Json.tryParse("""
                [{"type":"thinking","thinking":"t","signature":"%s"},{"type":"text","text":"no"},
                 {"type":"tool_use","id":"call_1","name":"f","input":{"a":1}},
                 {"type":"tool_use","id":"call_2","name":"g","input":{}}]""".formatted(gemini)).orElseThrow());
        assertThat(body.get("stop_reason").stringValue()).isEqualTo("refusal");
        assertThat(body.get("id").stringValue()).isEqualTo("chatcmpl-1");
    }

    @Test
    void theUsageIsWrittenWithAnthropicsExclusiveInput() {
        ChatResponse response = new ChatResponse("id", "m", 0, List.of(), new Usage(100, 20, 30, 10, 5),
                Extensions.none());

        ObjectNode usage = (ObjectNode) AnthropicResponseMapper.fromCanonical(response).get("usage");

        assertThat(normalized(usage)).isEqualTo(normalized(Json.tryParse("""
                {"input_tokens":60,"cache_creation_input_tokens":10,"cache_read_input_tokens":30,
                 "output_tokens":20,"output_tokens_details":{"thinking_tokens":5}}""").orElseThrow()));
    }

    @Test
    void serverToolBlocksAreKeptOpaque() {
        ObjectNode body = json("response.basic.json");
        body.withArray("content").addObject().put("type", "server_tool_use").put("id", "srvtoolu_1")
                .put("name", "web_search").putObject("input").put("query", "q");

        ChatResponse response = AnthropicResponseMapper.toCanonical(body);

        assertThat(response.choices().getFirst().message().content().getLast())
                .isInstanceOf(ContentPart.Opaque.class);
        assertThat(normalized(AnthropicResponseMapper.fromCanonical(response))).isEqualTo(normalized(body));
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadGateway() {
        assertThatThrownBy(() -> AnthropicResponseMapper.toCanonical(Json.MAPPER.createArrayNode()))
                .isInstanceOf(GatewayException.class);
    }

    @Test
    void everyStopReasonMapsAndWritesBack() {
        for (String reason : List.of("end_turn", "stop_sequence", "max_tokens", "tool_use", "pause_turn",
                "refusal")) {
            assertThat(AnthropicStopReasons.write(AnthropicStopReasons.read(reason).orElseThrow())).isEqualTo(reason);
        }
        assertThat(AnthropicStopReasons.read("model_context_window_exceeded")).contains(FinishReason.LENGTH);
    }

    @Test
    void usageOfFindsTheUsageOfACompleteBodyAndRejectsNonJson() {
        assertThat(AnthropicUsage.usageOf(AnthropicFixtures.bytes(AnthropicFixtures.ANTHROPIC,
                "response.cache-write.json"))).contains(new Usage(1816, 19, 0, 1804, 0));
        assertThat(AnthropicUsage.usageOf("<html>".getBytes())).isEmpty();
    }
}
