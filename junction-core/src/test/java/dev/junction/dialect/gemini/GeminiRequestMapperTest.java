package dev.junction.dialect.gemini;

import static dev.junction.dialect.gemini.GeminiFixtures.gemini;
import static dev.junction.dialect.gemini.GeminiFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.MediaSource;
import dev.junction.model.Message;
import dev.junction.model.Reasoning;
import dev.junction.model.ResponseFormat;
import dev.junction.model.Role;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.ToolChoice;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class GeminiRequestMapperTest {

    static Stream<String> requestFixtures() {
        return GeminiFixtures.REQUESTS.stream();
    }

    /** No normalisation is needed for the fixtures: each comes back exactly, tool-call ids included (none sent). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("requestFixtures")
    void everyRequestFixtureSurvivesARoundTripThroughTheCanonicalModel(String fixture) {
        ObjectNode original = gemini(fixture);
        Set<String> dropped = new HashSet<>();

        ObjectNode written = GeminiRequestMapper.fromCanonical(
                GeminiRequestMapper.toCanonical(original.deepCopy(), "gemini-2.5-flash", false), dropped);

        assertThat(normalized(written)).isEqualTo(normalized(original));
        assertThat(dropped).isEmpty();
    }

    @Test
    void basicFixtureMapsTheSystemInstructionSamplingAndSafetySettings() {
        ChatRequest request = GeminiRequestMapper.toCanonical(gemini("request.basic.json"), "gemini-2.5-flash", true);

        assertThat(request.model()).isEqualTo("gemini-2.5-flash");
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.messages()).containsExactly(
                Message.text(Role.SYSTEM, "You are a helpful assistant. Answer briefly."),
                Message.text(Role.USER, "Explain how AI works in one sentence."));
        assertThat(request.sampling().temperature()).hasValue(0.7);
        assertThat(request.sampling().topP()).hasValue(0.95);
        assertThat(request.sampling().maxTokens()).hasValue(1024);
        assertThat(request.sampling().stop()).containsExactly("END");
        assertThat(request.reasoning()).contains(Reasoning.ofBudget(0));
        assertThat(request.extensions().get(Dialect.GEMINI).orElseThrow().has("safetySettings")).isTrue();
    }

    @Test
    void imageFixtureMapsInlineDataToABase64ImageAndFileDataToADocumentUrl() {
        ChatRequest request = GeminiRequestMapper.toCanonical(gemini("request.image.json"), "m", false);

        List<ContentPart> parts = request.messages().getFirst().content();
        assertThat(parts.get(1)).isEqualTo(new ContentPart.Image(new MediaSource.Base64("image/png",
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
                Optional.empty()));
        assertThat(parts.get(2)).isEqualTo(new ContentPart.Document(new MediaSource.Url(
                "https://generativelanguage.googleapis.com/v1beta/files/8x2kq7n1abcd"), Optional.empty()));
    }

    @Test
    void toolResultFixturePairsEachResultWithTheCallOfTheSameNameInOrder() {
        ChatRequest request = GeminiRequestMapper.toCanonical(gemini("request.tool-result.json"), "m", false);

        List<Message> messages = request.messages();
        assertThat(messages).extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL);
        List<ContentPart.ToolCall> calls = messages.get(1).toolCalls();
        assertThat(calls).extracting(ContentPart.ToolCall::id).containsExactly("call_1_0", "call_1_1");
        assertThat(calls.getFirst().arguments()).isEqualTo("{\"location\":\"Paris, France\",\"unit\":\"celsius\"}");
        ContentPart.ToolResult first = (ContentPart.ToolResult) messages.get(2).content().getFirst();
        ContentPart.ToolResult second = (ContentPart.ToolResult) messages.get(3).content().getFirst();
        assertThat(first.toolCallId()).isEqualTo("call_1_0");
        assertThat(second.toolCallId()).isEqualTo("call_1_1");
        assertThat(Json.tryParse(((ContentPart.Text) first.content().getFirst()).text()).orElseThrow()
                .path("output").path("conditions").asString()).isEqualTo("cloudy");
    }

    @Test
    void aThoughtSignatureBecomesAnEmptyTaggedThinkingPartRightBeforeItsPart() {
        ChatRequest request = GeminiRequestMapper.toCanonical(gemini("request.tool-result.json"), "m", false);

        List<ContentPart> model = request.messages().get(1).content();
        assertThat(model.get(0)).isInstanceOf(ContentPart.Thinking.class);
        ContentPart.Thinking thinking = (ContentPart.Thinking) model.get(0);
        assertThat(thinking.text()).isEmpty();
        assertThat(ThoughtSignature.origin(thinking.signature().orElseThrow())).contains(Dialect.GEMINI);
        assertThat(model.get(1)).isInstanceOf(ContentPart.ToolCall.class);
    }

    @Test
    void aSignatureFromAnotherProviderIsNotSentToGemini() {
        ChatRequest request = request(List.of(Message.text(Role.USER, "hi"), new Message(Role.ASSISTANT, List.of(
                new ContentPart.Thinking("deep thoughts", Optional.of(ThoughtSignature.tag(Dialect.ANTHROPIC, "abc")),
                        false),
                new ContentPart.Text("Hello")), Optional.empty())));

        ObjectNode body = GeminiRequestMapper.fromCanonical(request, new HashSet<>());

        assertThat(body.get("contents").get(1).get("parts")).hasSize(1);
        assertThat(body.get("contents").get(1).get("parts").get(0).has("thoughtSignature")).isFalse();
    }

    @Test
    void aGeminiSignatureIsAttachedRawToTheNextPart() {
        ChatRequest request = request(List.of(Message.text(Role.USER, "hi"), new Message(Role.ASSISTANT, List.of(
                new ContentPart.Thinking("", Optional.of(ThoughtSignature.tag(Dialect.GEMINI, "c2ln")), false),
                new ContentPart.Text("Hello")), Optional.empty())));

        ObjectNode body = GeminiRequestMapper.fromCanonical(request, new HashSet<>());

        assertThat(body.at("/contents/1/parts/0/thoughtSignature").asString()).isEqualTo("c2ln");
        assertThat(body.at("/contents/1/parts/0/text").asString()).isEqualTo("Hello");
    }

    static Stream<Arguments> toolConfigs() {
        return Stream.of(
                Arguments.of("{\"mode\":\"AUTO\"}", new ToolChoice.Auto()),
                Arguments.of("{\"mode\":\"NONE\"}", new ToolChoice.None()),
                Arguments.of("{\"mode\":\"ANY\"}", new ToolChoice.Required()),
                Arguments.of("{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"a\"]}", new ToolChoice.Named("a")),
                Arguments.of("{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"a\",\"b\"]}",
                        new ToolChoice.Allowed(List.of("a", "b"), true)),
                Arguments.of("{\"mode\":\"AUTO\",\"allowedFunctionNames\":[\"a\",\"b\"]}",
                        new ToolChoice.Allowed(List.of("a", "b"), false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toolConfigs")
    void functionCallingModesMapToToolChoicesAndBack(String config, ToolChoice expected) {
        ObjectNode body = body("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"toolConfig\":{\"functionCallingConfig\":" + config + "}}");

        ChatRequest request = GeminiRequestMapper.toCanonical(body.deepCopy(), "m", false);

        assertThat(request.toolChoice()).contains(expected);
        assertThat(request.extensions().get(Dialect.GEMINI)).isEmpty();
        assertThat(GeminiRequestMapper.fromCanonical(request, new HashSet<>()).get("toolConfig"))
                .isEqualTo(body.get("toolConfig"));
    }

    @Test
    void validatedModeIsReadAsAutoAndRestoredForGemini() {
        ObjectNode body = body("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"VALIDATED\"}}}");

        ChatRequest request = GeminiRequestMapper.toCanonical(body.deepCopy(), "m", false);

        assertThat(request.toolChoice()).contains(new ToolChoice.Auto());
        assertThat(GeminiRequestMapper.fromCanonical(request, new HashSet<>()).get("toolConfig"))
                .isEqualTo(body.get("toolConfig"));
    }

    @Test
    void jsonSchemaFixtureBecomesAJsonSchemaResponseFormatNamedResponse() {
        ChatRequest request = GeminiRequestMapper.toCanonical(gemini("request.json-schema.json"), "m", false);

        ResponseFormat.JsonSchema format = (ResponseFormat.JsonSchema) request.responseFormat().orElseThrow();
        assertThat(format.name()).isEqualTo("response");
        assertThat(format.schema().path("required")).hasSize(3);
    }

    @Test
    void aDynamicThinkingBudgetHasNoCanonicalReasoningButReachesGeminiUnchanged() {
        ObjectNode body = body("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":-1,\"includeThoughts\":true}}}");

        ChatRequest request = GeminiRequestMapper.toCanonical(body.deepCopy(), "m", false);

        assertThat(request.reasoning()).isEmpty();
        assertThat(GeminiRequestMapper.fromCanonical(request, new HashSet<>())).isEqualTo(body);
    }

    @Test
    void aThinkingLevelIsReadAsAnEffort() {
        ChatRequest request = GeminiRequestMapper.toCanonical(body("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"generationConfig\":{\"thinkingConfig\":{\"thinkingLevel\":\"HIGH\"}}}"), "m", false);

        assertThat(request.reasoning()).contains(Reasoning.ofEffort("high"));
    }

    @Test
    void snakeCaseFieldsAreReadLikeCamelCase() {
        ChatRequest request = GeminiRequestMapper.toCanonical(body("{\"system_instruction\":{\"parts\":[{\"text\":"
                + "\"Be brief.\"}]},\"contents\":[{\"role\":\"model\",\"parts\":[{\"function_call\":{\"name\":\"f\","
                + "\"args\":{}}}]}],\"generation_config\":{\"max_output_tokens\":5}}"), "m", false);

        assertThat(request.messages().getFirst()).isEqualTo(Message.text(Role.SYSTEM, "Be brief."));
        assertThat(request.messages().get(1).toolCalls()).extracting(ContentPart.ToolCall::name).containsExactly("f");
        assertThat(request.sampling().maxTokens()).hasValue(5);
    }

    @Test
    void executableCodeStaysOpaqueForGemini() {
        ObjectNode body = body("{\"contents\":[{\"role\":\"model\",\"parts\":[{\"executableCode\":{\"language\":"
                + "\"PYTHON\",\"code\":\"print(1)\"}}]}],\"tools\":[{\"codeExecution\":{}}]}");

        ChatRequest request = GeminiRequestMapper.toCanonical(body.deepCopy(), "m", false);

        assertThat(request.messages().getFirst().content().getFirst()).isInstanceOf(ContentPart.Opaque.class);
        assertThat(request.tools()).isEmpty();
        assertThat(GeminiRequestMapper.fromCanonical(request, new HashSet<>())).isEqualTo(body);
    }

    @Test
    void anErrorResponseBecomesAnErrorToolResultAndBack() {
        ObjectNode body = body("{\"contents\":[{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\","
                + "\"args\":{}}}]},{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":"
                + "{\"error\":\"boom\"}}}]}]}");

        ChatRequest request = GeminiRequestMapper.toCanonical(body.deepCopy(), "m", false);

        assertThat(request.messages().get(1).content().getFirst()).isEqualTo(new ContentPart.ToolResult("call_0_0",
                List.of(new ContentPart.Text("boom")), true));
        assertThat(GeminiRequestMapper.fromCanonical(request, new HashSet<>())).isEqualTo(body);
    }

    @Test
    void aLegacyFunctionRoleIsReadAsToolResultsAndWrittenAsUser() {
        ChatRequest request = GeminiRequestMapper.toCanonical(body("{\"contents\":[{\"role\":\"model\",\"parts\":"
                + "[{\"functionCall\":{\"name\":\"f\"}}]},{\"role\":\"function\",\"parts\":[{\"functionResponse\":"
                + "{\"name\":\"f\",\"response\":{\"output\":\"42\"}}}]}]}"), "m", false);

        assertThat(request.messages().get(1)).isEqualTo(new Message(Role.TOOL, List.of(new ContentPart.ToolResult(
                "call_0_0", List.of(new ContentPart.Text("42")), false)), Optional.empty()));
        assertThat(GeminiRequestMapper.fromCanonical(request, new HashSet<>()).at("/contents/1/role").asString())
                .isEqualTo("user");
    }

    @Test
    void moreThanFiveStopSequencesKeepTheFirstFiveAndReportStopAsDropped() {
        ChatRequest request = new ChatRequest("m", List.of(Message.text(Role.USER, "hi")), List.of(),
                Optional.empty(), Optional.empty(), new dev.junction.model.Sampling(java.util.OptionalInt.empty(),
                java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(), java.util.OptionalInt.empty(),
                List.of("1", "2", "3", "4", "5", "6"), java.util.OptionalLong.empty(),
                java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty(), java.util.OptionalInt.empty(),
                Optional.empty(), java.util.OptionalInt.empty()), Optional.empty(), Optional.empty(), false, false,
                java.util.Map.of(), Optional.of("u1"), dev.junction.model.Extensions.none());
        Set<String> dropped = new HashSet<>();

        ObjectNode body = GeminiRequestMapper.fromCanonical(request, dropped);

        assertThat(body.at("/generationConfig/stopSequences")).hasSize(5);
        assertThat(dropped).containsExactlyInAnyOrder("stop", "user");
    }

    @Test
    void invalidToolCallArgumentsAreSentAsAnEmptyObjectAndReported() {
        ChatRequest request = request(List.of(Message.text(Role.USER, "hi"), new Message(Role.ASSISTANT,
                List.of(new ContentPart.ToolCall("c1", "f", "{not json")), Optional.empty())));
        Set<String> dropped = new HashSet<>();

        ObjectNode body = GeminiRequestMapper.fromCanonical(request, dropped);

        assertThat(body.at("/contents/1/parts/0/functionCall/args")).isEqualTo(Json.object());
        assertThat(dropped).containsExactly("tool_calls.arguments");
    }

    @Test
    void aToolResultForAnUnknownCallIsRejectedNamingTheMessage() {
        ChatRequest request = request(List.of(Message.text(Role.USER, "hi"), new Message(Role.TOOL, List.of(
                new ContentPart.ToolResult("call_x", List.of(new ContentPart.Text("1")), false)), Optional.empty())));

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> GeminiRequestMapper.fromCanonical(request, new HashSet<>()));

        assertThat(((GatewayError.InvalidRequest) e.error()).param()).contains("messages[1].tool_call_id");
    }

    @Test
    void severalSystemMessagesAreJoinedWithBlankLines() {
        ChatRequest request = request(List.of(Message.text(Role.SYSTEM, "A"), Message.text(Role.DEVELOPER, "B"),
                Message.text(Role.USER, "hi")));

        ObjectNode body = GeminiRequestMapper.fromCanonical(request, new HashSet<>());

        assertThat(body.at("/systemInstruction/parts/0/text").asString()).isEqualTo("A\n\nB");
        assertThat(body.get("contents")).hasSize(1);
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{}", "contents"),
                Arguments.of("{\"contents\":[]}", "contents"),
                Arguments.of("{\"contents\":{}}", "contents"),
                Arguments.of("{\"contents\":[{\"role\":\"assistant\",\"parts\":[{\"text\":\"x\"}]}]}",
                        "contents[0].role"),
                Arguments.of("{\"contents\":[{\"role\":\"user\"}]}", "contents[0].parts"),
                Arguments.of("{\"contents\":[{\"role\":\"user\",\"parts\":[]}]}", "contents[0].parts"),
                Arguments.of("{\"contents\":[{\"parts\":[{}]}]}", "contents[0].parts[0]"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"thought\":true}]}]}", "contents[0].parts[0]"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"text\":1}]}]}", "contents[0].parts[0].text"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"text\":\"a\",\"inlineData\":{}}]}]}",
                        "contents[0].parts[0]"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"inlineData\":{\"data\":\"AA\"}}]}]}",
                        "contents[0].parts[0].inlineData.mimeType"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"functionResponse\":{\"response\":{}}}]}]}",
                        "contents[0].parts[0].functionResponse.name"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":1}}]}]}",
                        "contents[0].parts[0].functionResponse.response"),
                Arguments.of("{\"contents\":[{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\","
                        + "\"args\":[]}}]}]}", "contents[0].parts[0].functionCall.args"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"temperature\":3}}",
                        "generationConfig.temperature"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":"
                        + "{\"maxOutputTokens\":0}}", "generationConfig.maxOutputTokens"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":"
                        + "{\"stopSequences\":\"END\"}}", "generationConfig.stopSequences"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"tools\":{}}", "tools"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"tools\":[{\"functionDeclarations\":"
                        + "[{\"description\":\"d\"}]}]}", "tools[0].functionDeclarations[0].name"),
                Arguments.of("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"toolConfig\":{\"functionCallingConfig\":"
                        + "{\"mode\":\"SOMETIMES\"}}}", "toolConfig.functionCallingConfig.mode"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidBodies")
    void invalidInputIsA400NamingTheField(String json, String param) {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> GeminiRequestMapper.toCanonical(body(json), "m", false));

        assertThat(e).as("no exception for %s", json).isNotNull();
        GatewayError.InvalidRequest error = (GatewayError.InvalidRequest) e.error();
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.param()).contains(param);
    }

    private static ChatRequest request(List<Message> messages) {
        return new ChatRequest("m", messages, List.of(), Optional.empty(), Optional.empty(),
                dev.junction.model.Sampling.defaults(), Optional.empty(), Optional.empty(), false, false,
                java.util.Map.of(), Optional.empty(), dev.junction.model.Extensions.none());
    }

    private static ObjectNode body(String json) {
        return Json.parseObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
