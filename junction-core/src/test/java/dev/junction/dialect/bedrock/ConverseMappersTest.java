package dev.junction.dialect.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResponse;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayException;
import dev.junction.model.MediaSource;
import dev.junction.model.Message;
import dev.junction.model.Reasoning;
import dev.junction.model.Role;
import dev.junction.model.Sampling;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.ToolChoice;
import dev.junction.model.ToolDefinition;
import dev.junction.testing.TestFixtures;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ConverseMappersTest {

    private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", Optional.of("Weather of a city"),
            Json.tryParse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}").orElseThrow(),
            Optional.empty());

    private static ChatRequest request(List<Message> messages, List<ToolDefinition> tools, Optional<ToolChoice> choice,
                                       Sampling sampling, Optional<Reasoning> reasoning) {
        return new ChatRequest("m", messages, tools, choice, Optional.empty(), sampling, Optional.empty(), reasoning,
                false, true, Map.of(), Optional.empty(), Extensions.none());
    }

    private static Message message(Role role, ContentPart... parts) {
        return new Message(role, List.of(parts), Optional.empty());
    }

    @Test
    void aToolLoopBecomesAlternatingTurnsWithToolUseAndToolResultBlocks() {
        Sampling sampling = new Sampling(OptionalInt.of(1024), OptionalDouble.of(0.5), OptionalDouble.of(0.9),
                OptionalInt.of(200), List.of("END"), OptionalLong.of(7), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalInt.empty(), Optional.empty(), OptionalInt.empty());
        ChatRequest request = request(List.of(
                Message.text(Role.SYSTEM, "You are terse."),
                message(Role.USER, new ContentPart.Text("Weather in Paris?"),
                        new ContentPart.Image(new MediaSource.Base64("image/png", "iVBORw0KGgo="), Optional.empty())),
                message(Role.ASSISTANT, new ContentPart.ToolCall("tooluse_1", "get_weather", "{\"city\":\"Paris\"}")),
                message(Role.TOOL, new ContentPart.ToolResult("tooluse_1",
                        List.of(new ContentPart.Text("{\"temp_c\":18}")), false)),
                Message.text(Role.USER, "Thanks; and tomorrow?")),
                List.of(WEATHER), Optional.of(new ToolChoice.Required()), sampling, Optional.empty());
        Set<String> dropped = new LinkedHashSet<>();
        ObjectNode body = ConverseRequestMapper.fromCanonical(request, dropped);

        assertThat(body.path("system")).isEqualTo(Json.tryParse("[{\"text\":\"You are terse.\"}]").orElseThrow());
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("content").get(1).path("image").path("format").asString()).isEqualTo("png");
        assertThat(messages.get(0).path("content").get(1).path("image").path("source").path("bytes").asString())
                .isEqualTo("iVBORw0KGgo=");
        assertThat(messages.get(1).path("content").get(0).path("toolUse").path("input").path("city").asString())
                .isEqualTo("Paris");
        JsonNode toolResult = messages.get(2).path("content").get(0).path("toolResult");
        assertThat(toolResult.path("toolUseId").asString()).isEqualTo("tooluse_1");
        assertThat(toolResult.path("content").get(0).path("json").path("temp_c").asInt()).isEqualTo(18);
        assertThat(toolResult.path("status").asString()).isEqualTo("success");
        assertThat(messages.get(2).path("content").get(1).path("text").asString()).isEqualTo("Thanks; and tomorrow?");
        assertThat(body.path("inferenceConfig")).isEqualTo(Json.tryParse(
                "{\"maxTokens\":1024,\"temperature\":0.5,\"topP\":0.9,\"stopSequences\":[\"END\"]}").orElseThrow());
        assertThat(body.path("additionalModelRequestFields").path("top_k").asInt()).isEqualTo(200);
        assertThat(body.path("toolConfig").path("tools").get(0).path("toolSpec").path("inputSchema").path("json")
                .path("type").asString()).isEqualTo("object");
        assertThat(body.path("toolConfig").path("toolChoice").has("any")).isTrue();
        assertThat(dropped).containsExactly("seed");
    }

    @Test
    void aNamedToolChoiceAndNoneWithoutHistory() {
        ObjectNode named = ConverseRequestMapper.fromCanonical(request(List.of(Message.text(Role.USER, "hi")),
                List.of(WEATHER), Optional.of(new ToolChoice.Named("get_weather")), Sampling.defaults(),
                Optional.empty()), new LinkedHashSet<>());
        assertThat(named.path("toolConfig").path("toolChoice").path("tool").path("name").asString())
                .isEqualTo("get_weather");
        ObjectNode none = ConverseRequestMapper.fromCanonical(request(List.of(Message.text(Role.USER, "hi")),
                List.of(WEATHER), Optional.of(new ToolChoice.None()), Sampling.defaults(), Optional.empty()),
                new LinkedHashSet<>());
        assertThat(none.has("toolConfig")).isFalse();
    }

    @Test
    void reasoningBecomesClaudesThinkingWithRoomForTheAnswer() {
        ObjectNode body = ConverseRequestMapper.fromCanonical(request(List.of(Message.text(Role.USER, "hi")),
                List.of(), Optional.empty(), Sampling.defaults(), Optional.of(Reasoning.ofBudget(2048))),
                new LinkedHashSet<>());
        assertThat(body.path("additionalModelRequestFields").path("thinking")).isEqualTo(Json.tryParse(
                "{\"type\":\"enabled\",\"budget_tokens\":2048}").orElseThrow());
        assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isGreaterThan(2048);
    }

    @Test
    void signedReasoningGoesBackOnlyWhenBedrockSignedIt() {
        String ours = ThoughtSignature.tag(Dialect.BEDROCK_CONVERSE, "sig-1");
        String theirs = ThoughtSignature.tag(Dialect.ANTHROPIC, "sig-2");
        ObjectNode body = ConverseRequestMapper.fromCanonical(request(List.of(Message.text(Role.USER, "hi"),
                message(Role.ASSISTANT, new ContentPart.Thinking("hmm", Optional.of(ours), false),
                        new ContentPart.Thinking("other", Optional.of(theirs), false), new ContentPart.Text("Hello")),
                Message.text(Role.USER, "again")), List.of(), Optional.empty(), Sampling.defaults(), Optional.empty()),
                new LinkedHashSet<>());
        JsonNode assistant = body.path("messages").get(1).path("content");
        assertThat(assistant).hasSize(2);
        assertThat(assistant.get(0).path("reasoningContent").path("reasoningText").path("signature").asString())
                .isEqualTo("sig-1");
    }

    @Test
    void aJsonSchemaBecomesConversesStructuredOutput() {
        JsonNode schema = Json.tryParse("{\"type\":\"object\",\"additionalProperties\":false}").orElseThrow();
        ChatRequest request = new ChatRequest("m", List.of(Message.text(Role.USER, "hi")), List.of(), Optional.empty(),
                Optional.empty(), Sampling.defaults(), Optional.of(new dev.junction.model.ResponseFormat.JsonSchema(
                "place", Optional.empty(), schema, Optional.of(true))), Optional.empty(), false, true, Map.of(),
                Optional.empty(), Extensions.none());
        JsonNode format = ConverseRequestMapper.fromCanonical(request, new LinkedHashSet<>()).path("outputConfig")
                .path("textFormat");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.path("structure").path("jsonSchema").path("name").asString()).isEqualTo("place");
        assertThat(Json.tryParse(format.path("structure").path("jsonSchema").path("schema").asString()).orElseThrow())
                .isEqualTo(schema);
    }

    @Test
    void mediaBedrockCannotTakeIsTheClientsError() {
        ChatRequest request = request(List.of(message(Role.USER, new ContentPart.Image(
                new MediaSource.Base64("image/tiff", "AAAA"), Optional.empty()))), List.of(), Optional.empty(),
                Sampling.defaults(), Optional.empty());
        assertThatThrownBy(() -> ConverseRequestMapper.fromCanonical(request, new LinkedHashSet<>()))
                .isInstanceOf(GatewayException.class).hasMessageContaining("image/tiff");
    }

    @Test
    void theCapturedToolResponseReadsAsAToolCallWithInclusiveUsage() {
        ChatResponse response = ConverseResponseMapper.toCanonical(Json.parseObject(TestFixtures.bytes(
                "/fixtures/bedrock/response.converse.tool.json")));
        assertThat(response.choices().getFirst().finishReason()).contains(FinishReason.TOOL_CALLS);
        List<ContentPart> content = response.choices().getFirst().message().content();
        assertThat(content.get(0)).isEqualTo(new ContentPart.Text("I'll check the current weather in Paris for you."));
        ContentPart.ToolCall call = (ContentPart.ToolCall) content.get(1);
        assertThat(call.id()).isEqualTo("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q");
        assertThat(Json.tryParse(call.arguments()).orElseThrow().path("location").asString()).isEqualTo("Paris, France");
        assertThat(response.usage().inputTokens()).isEqualTo(412);
        assertThat(response.usage().outputTokens()).isEqualTo(71);
    }

    @Test
    void cacheReadsAndWritesCountInTheCanonicalInput() {
        var usage = BedrockUsage.read(Json.tryParse("{\"inputTokens\":10,\"outputTokens\":5,"
                + "\"cacheReadInputTokens\":100,\"cacheWriteInputTokens\":20}").orElseThrow());
        assertThat(usage.inputTokens()).isEqualTo(130);
        assertThat(usage.cachedReadTokens()).isEqualTo(100);
        assertThat(usage.cacheWriteTokens()).isEqualTo(20);
    }

    @Test
    void aCanonicalResponseRoundTrips() {
        ChatResponse response = ConverseResponseMapper.toCanonical(Json.parseObject(TestFixtures.bytes(
                "/fixtures/bedrock/response.converse.tool.json")));
        ChatResponse again = ConverseResponseMapper.toCanonical(ConverseResponseMapper.fromCanonical(response));
        assertThat(again.choices()).isEqualTo(response.choices());
        assertThat(again.usage()).isEqualTo(response.usage());
    }
}
