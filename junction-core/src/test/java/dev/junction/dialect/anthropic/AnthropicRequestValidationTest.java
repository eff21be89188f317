package dev.junction.dialect.anthropic;

import static dev.junction.dialect.anthropic.AnthropicFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.MediaSource;
import dev.junction.model.Reasoning;
import dev.junction.model.Role;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.ToolChoice;
import dev.junction.model.Dialect;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Reading a client's Messages body: what it becomes canonically, and the 400s the API itself would give. */
class AnthropicRequestValidationTest {

    private static void assertRejected(ObjectNode body, String param) {
        assertThatThrownBy(() -> AnthropicRequestMapper.toCanonical(body))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error())
                        .isInstanceOfSatisfying(GatewayError.InvalidRequest.class,
                                i -> assertThat(i.param()).contains(param)));
    }

    private static ObjectNode basic(Consumer<ObjectNode> change) {
        ObjectNode body = json("request.basic.json");
        change.accept(body);
        return body;
    }

    @Test
    void missingMaxTokensIsRejectedNamingTheField() {
        assertRejected(basic(b -> b.remove("max_tokens")), "max_tokens");
    }

    @Test
    void fractionalMaxTokensIsRejectedNamingTheField() {
        assertRejected(basic(b -> b.put("max_tokens", 10.5)), "max_tokens");
    }

    @Test
    void missingMessagesAreRejected() {
        assertRejected(basic(b -> b.remove("messages")), "messages");
    }

    @Test
    void emptyMessagesAreRejected() {
        assertRejected(basic(b -> b.putArray("messages")), "messages");
    }

    @Test
    void anUnknownRoleIsRejectedNamingItsPath() {
        assertRejected(basic(b -> ((ObjectNode) b.get("messages").get(0)).put("role", "tool")), "messages.0.role");
    }

    @Test
    void aBlockWithoutTypeIsRejectedNamingItsPath() {
        assertRejected(basic(b -> ((ObjectNode) b.get("messages").get(0)).putArray("content").addObject()
                .put("text", "hi")), "messages.0.content.0.type");
    }

    @Test
    void aBlockThatIsNotAnObjectIsRejected() {
        assertRejected(basic(b -> ((ObjectNode) b.get("messages").get(0)).putArray("content").add(3)),
                "messages.0.content.0");
    }

    @Test
    void anImageOfAnUnsupportedMediaTypeIsRejected() {
        assertRejected(basic(b -> ((ObjectNode) b.get("messages").get(0)).putArray("content").addObject()
                .put("type", "image").putObject("source").put("type", "base64").put("media_type", "image/bmp")
                .put("data", "AAAA")), "messages.0.content.0.source.media_type");
    }

    @Test
    void aToolUseInAUserMessageIsRejected() {
        assertRejected(basic(b -> ((ObjectNode) b.get("messages").get(0)).putArray("content").addObject()
                .put("type", "tool_use").put("id", "toolu_1").put("name", "f").putObject("input")),
                "messages.0.content.0.type");
    }

    @Test
    void aTemperatureAboveOneIsRejected() {
        assertRejected(basic(b -> b.put("temperature", 1.5)), "temperature");
    }

    @Test
    void aThinkingBudgetBelowTheMinimumIsRejected() {
        assertRejected(basic(b -> b.putObject("thinking").put("type", "enabled").put("budget_tokens", 500)),
                "thinking.budget_tokens");
    }

    @Test
    void aThinkingBudgetNotBelowMaxTokensIsRejected() {
        assertRejected(basic(b -> b.putObject("thinking").put("type", "enabled").put("budget_tokens", 2048)),
                "max_tokens");
    }

    @Test
    void anUnknownToolChoiceTypeIsRejected() {
        assertRejected(basic(b -> b.putObject("tool_choice").put("type", "sometimes")), "tool_choice.type");
    }

    @Test
    void aCustomToolWithoutInputSchemaIsRejected() {
        assertRejected(basic(b -> b.putArray("tools").addObject().put("name", "f")), "tools.0.input_schema");
    }

    @Test
    void aStopSequenceThatIsNotAStringIsRejected() {
        assertRejected(basic(b -> b.putArray("stop_sequences").add(1)), "stop_sequences");
    }

    @Test
    void theSystemPromptBecomesTheFirstSystemMessage() {
        ChatRequest request = AnthropicRequestMapper.toCanonical(json("request.basic.json"));

        assertThat(request.messages().getFirst().role()).isEqualTo(Role.SYSTEM);
        assertThat(request.messages().getFirst().joinedText()).isEqualTo("You are a helpful assistant.");
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.sampling().maxTokens()).hasValue(1024);
    }

    @Test
    void toolResultsBecomeToolMessagesAheadOfTheUsersText() {
        ChatRequest request = AnthropicRequestMapper.toCanonical(json("request.tool-result.json"));

        assertThat(request.messages()).extracting(m -> m.role())
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.USER);
        ContentPart.ToolResult first = (ContentPart.ToolResult) request.messages().get(2).content().getFirst();
        assertThat(first.toolCallId()).isEqualTo("toolu_01NRLabsLyVHZPKxbKvkfSMn");
        assertThat(request.messages().get(1).toolCalls()).extracting(ContentPart.ToolCall::arguments)
                .first().satisfies(args -> assertThat(Json.tryParse(args).orElseThrow().path("location")
                        .stringValue()).isEqualTo("Paris, France"));
    }

    @Test
    void anErrorToolResultKeepsItsFlag() {
        ObjectNode body = json("request.tool-result.json");
        ((ObjectNode) body.get("messages").get(2).get("content").get(0)).put("is_error", true);

        ChatRequest request = AnthropicRequestMapper.toCanonical(body);

        assertThat(((ContentPart.ToolResult) request.messages().get(2).content().getFirst()).isError()).isTrue();
    }

    @Test
    void thinkingSignaturesAreTaggedAsTheClientsOwn() {
        ObjectNode body = basic(b -> b.withArray("messages").addObject().put("role", "assistant").putArray("content")
                .addObject().put("type", "thinking").put("thinking", "hmm").put("signature", "SIG"));
        ((ObjectNode) body.get("messages").get(1)).withArray("content").addObject()
                .put("type", "redacted_thinking").put("data", "DATA");

        ChatRequest request = AnthropicRequestMapper.toCanonical(body);

        assertThat(request.messages().get(2).content()).containsExactly(
                new ContentPart.Thinking("hmm", java.util.Optional.of(ThoughtSignature.tag(Dialect.ANTHROPIC, "SIG")),
                        false),
                new ContentPart.Thinking("", java.util.Optional.of(ThoughtSignature.tag(Dialect.ANTHROPIC, "DATA")),
                        true));
    }

    @Test
    void unknownBlockTypesAreKeptOpaque() {
        ObjectNode body = basic(b -> ((ObjectNode) b.get("messages").get(0)).putArray("content").addObject()
                .put("type", "search_result").put("source", "https://example.com").put("title", "t"));

        ChatRequest request = AnthropicRequestMapper.toCanonical(body);

        assertThat(request.messages().get(1).content().getFirst()).isInstanceOf(ContentPart.Opaque.class);
    }

    @Test
    void aPlainTextDocumentTravelsAsBase64TextPlain() {
        ObjectNode body = basic(b -> ((ObjectNode) b.get("messages").get(0)).putArray("content").addObject()
                .put("type", "document").putObject("source").put("type", "text").put("media_type", "text/plain")
                .put("data", "héllo"));

        ContentPart.Document doc = (ContentPart.Document) AnthropicRequestMapper.toCanonical(body).messages().get(1)
                .content().getFirst();

        assertThat(doc.source()).isEqualTo(new MediaSource.Base64("text/plain", "aMOpbGxv"));
    }

    @Test
    void thinkingAndToolChoiceAndMetadataMapToTheirCanonicalFields() {
        ObjectNode body = json("request.thinking.json");
        body.putObject("tool_choice").put("type", "auto").put("disable_parallel_tool_use", true);
        body.putObject("metadata").put("user_id", "user-7");
        body.putArray("stop_sequences").add("END");
        body.put("top_k", 5);

        ChatRequest request = AnthropicRequestMapper.toCanonical(body);

        assertThat(request.reasoning()).contains(Reasoning.ofBudget(10000));
        assertThat(request.toolChoice()).contains(new ToolChoice.Auto());
        assertThat(request.parallelToolCalls()).contains(false);
        assertThat(request.user()).contains("user-7");
        assertThat(request.sampling().stop()).containsExactly("END");
        assertThat(request.sampling().topK()).hasValue(5);
    }

    @Test
    void disabledThinkingIsABudgetOfZero() {
        ChatRequest request = AnthropicRequestMapper.toCanonical(basic(b -> b.putObject("thinking")
                .put("type", "disabled")));

        assertThat(request.reasoning()).hasValueSatisfying(r -> assertThat(r.disabled()).isTrue());
    }

    @Test
    void aJsonSchemaOutputFormatBecomesAJsonSchemaResponseFormat() {
        ChatRequest request = AnthropicRequestMapper.toCanonical(json("request.json-schema.json"));

        assertThat(request.responseFormat()).hasValueSatisfying(f -> assertThat(f)
                .isInstanceOfSatisfying(dev.junction.model.ResponseFormat.JsonSchema.class,
                        js -> assertThat(js.schema().path("required")).hasSize(3)));
    }
}
