package dev.junction.dialect.openai;

import static dev.junction.dialect.openai.OpenAiFixtures.json;
import static dev.junction.dialect.openai.OpenAiFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.MediaSource;
import dev.junction.model.Message;
import dev.junction.model.ResponseFormat;
import dev.junction.model.Role;
import dev.junction.model.ToolChoice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OpenAiRequestMapperTest {

    static Stream<String> requestFixtures() {
        return OpenAiFixtures.names("request.", ".json");
    }

    /** No request fixture writes a single text part as an array, so the trees compare without normalising. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("requestFixtures")
    void everyRequestFixtureSurvivesARoundTripThroughTheCanonicalModel(String fixture) {
        ObjectNode original = json(fixture);

        ObjectNode written = OpenAiRequestMapper.fromCanonical(OpenAiRequestMapper.toCanonical(original.deepCopy()));

        assertThat(normalized(written)).isEqualTo(normalized(original));
    }

    @Test
    void aSingleTextPartArrayIsWrittenBackAsAPlainString() {
        ObjectNode body = body("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""");

        ObjectNode written = OpenAiRequestMapper.fromCanonical(OpenAiRequestMapper.toCanonical(body));

        assertThat(written.get("messages").get(0).get("content").stringValue()).isEqualTo("Hi");
    }

    @Test
    void basicFixtureMapsRolesTextAndSampling() {
        ChatRequest request = OpenAiRequestMapper.toCanonical(json("request.basic.json"));

        assertThat(request.model()).isEqualTo("gpt-4o-mini");
        assertThat(request.messages()).containsExactly(
                Message.text(Role.DEVELOPER, "You are a helpful assistant."),
                Message.text(Role.USER, "Hello!"));
        assertThat(request.sampling().temperature()).hasValue(0.7);
        assertThat(request.sampling().maxTokens()).hasValue(256);
        assertThat(request.stream()).isFalse();
        assertThat(request.extensions()).isEqualTo(Extensions.none());
    }

    @Test
    void streamFixtureAsksForAStreamWithUsage() {
        ChatRequest request = OpenAiRequestMapper.toCanonical(json("request.stream.json"));

        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
    }

    @Test
    void dataUrlImageBecomesInlineBase64AndHttpUrlStaysAUrl() {
        ChatRequest request = OpenAiRequestMapper.toCanonical(json("request.image.json"));

        List<ContentPart> parts = request.messages().getFirst().content();
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0)).isEqualTo(new ContentPart.Text("What is in these images?"));
        assertThat(parts.get(1)).isEqualTo(new ContentPart.Image(new MediaSource.Url(
                "https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/Gfp-wisconsin-madison-the-nature-"
                        + "boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg"), Optional.of("auto")));
        assertThat(parts.get(2)).isEqualTo(new ContentPart.Image(new MediaSource.Base64("image/png",
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
                Optional.of("low")));
    }

    @Test
    void toolResultConversationMapsCallsAndResults() {
        ChatRequest request = OpenAiRequestMapper.toCanonical(json("request.tool-result.json"));

        Message assistant = request.messages().get(1);
        assertThat(assistant.role()).isEqualTo(Role.ASSISTANT);
        assertThat(assistant.content()).containsExactly(
                new ContentPart.ToolCall("call_8fxy20OEu9ulvvaa5b5CzVA4", "get_current_weather",
                        "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"),
                new ContentPart.ToolCall("call_Xc4Aiih37EUJvqjoZlu4Vdoi", "get_current_weather",
                        "{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}"));
        assertThat(request.messages().get(2)).isEqualTo(new Message(Role.TOOL, List.of(new ContentPart.ToolResult(
                "call_8fxy20OEu9ulvvaa5b5CzVA4",
                List.of(new ContentPart.Text("{\"temperature\":18,\"unit\":\"celsius\",\"conditions\":\"cloudy\"}")),
                false)), Optional.empty()));
        assertThat(request.messages().get(3).content().getFirst())
                .isInstanceOfSatisfying(ContentPart.ToolResult.class,
                        r -> assertThat(r.toolCallId()).isEqualTo("call_Xc4Aiih37EUJvqjoZlu4Vdoi"));
    }

    @Test
    void toolsFixtureMapsToolDefinitionAutoChoiceAndParallelCalls() {
        ObjectNode body = json("request.tools.json");

        ChatRequest request = OpenAiRequestMapper.toCanonical(body);

        assertThat(request.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("get_current_weather");
            assertThat(tool.description()).hasValue("Get the current weather in a given location");
            assertThat(tool.parameters()).isEqualTo(body.at("/tools/0/function/parameters"));
            assertThat(tool.strict()).isEmpty();
        });
        assertThat(request.toolChoice()).hasValue(new ToolChoice.Auto());
        assertThat(request.parallelToolCalls()).hasValue(true);
    }

    static Stream<Arguments> toolChoices() {
        return Stream.of(
                Arguments.of("\"auto\"", new ToolChoice.Auto()),
                Arguments.of("\"none\"", new ToolChoice.None()),
                Arguments.of("\"required\"", new ToolChoice.Required()),
                Arguments.of("{\"type\":\"function\",\"function\":{\"name\":\"get_current_weather\"}}",
                        new ToolChoice.Named("get_current_weather")),
                Arguments.of("{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"required\",\"tools\":"
                                + "[{\"type\":\"function\",\"function\":{\"name\":\"a\"}},"
                                + "{\"type\":\"function\",\"function\":{\"name\":\"b\"}}]}}",
                        new ToolChoice.Allowed(List.of("a", "b"), true)),
                Arguments.of("{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\",\"tools\":"
                                + "[{\"type\":\"function\",\"function\":{\"name\":\"a\"}}]}}",
                        new ToolChoice.Allowed(List.of("a"), false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toolChoices")
    void everyToolChoiceFormMapsToItsCanonicalChoiceAndBack(String wire, ToolChoice expected) {
        ObjectNode body = json("request.tools.json");
        body.set("tool_choice", Json.tryParse(wire).orElseThrow());

        ChatRequest request = OpenAiRequestMapper.toCanonical(body);

        assertThat(request.toolChoice()).hasValue(expected);
        assertThat(OpenAiRequestMapper.fromCanonical(request).get("tool_choice")).isEqualTo(body.get("tool_choice"));
    }

    @Test
    void jsonSchemaResponseFormatMapsNameDescriptionSchemaAndStrict() {
        ObjectNode body = json("request.json-schema.json");

        ChatRequest request = OpenAiRequestMapper.toCanonical(body);

        assertThat(request.responseFormat()).hasValue(new ResponseFormat.JsonSchema("weather_report",
                Optional.of("Structured weather report"), body.at("/response_format/json_schema/schema"),
                Optional.of(true)));
    }

    @Test
    void unknownTopLevelFieldsSurviveAsExtensionsAndAreWrittenBack() {
        ObjectNode body = json("request.basic.json");
        body.put("service_tier", "flex").put("store", true).putObject("prediction").put("type", "content");

        ChatRequest request = OpenAiRequestMapper.toCanonical(body.deepCopy());

        assertThat(request.extensions().get(Dialect.OPENAI_CHAT)).hasValueSatisfying(ext ->
                assertThat(ext.propertyNames()).containsExactlyInAnyOrder("service_tier", "store", "prediction"));
        ObjectNode written = OpenAiRequestMapper.fromCanonical(request);
        assertThat(written.get("service_tier").stringValue()).isEqualTo("flex");
        assertThat(written.get("store").booleanValue()).isTrue();
        assertThat(written.get("prediction")).isEqualTo(body.get("prediction"));
    }

    @Test
    void extensionsOfAnotherDialectAreNotWritten() {
        ChatRequest request = OpenAiRequestMapper.toCanonical(json("request.basic.json"));
        ChatRequest foreign = withExtensions(request, new Extensions(Map.of(Dialect.ANTHROPIC,
                Json.object().put("top_k", 5))));

        assertThat(OpenAiRequestMapper.fromCanonical(foreign).has("top_k")).isFalse();
    }

    @Test
    void legacyMaxTokensIsWrittenAsMaxCompletionTokens() {
        ObjectNode body = body("""
                {"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":12}""");

        ObjectNode written = OpenAiRequestMapper.fromCanonical(OpenAiRequestMapper.toCanonical(body));

        assertThat(written.has("max_tokens")).isFalse();
        assertThat(written.get("max_completion_tokens").intValue()).isEqualTo(12);
    }

    @Test
    void missingModelIsRejectedNamingTheModelField() {
        ObjectNode body = json("request.basic.json");
        body.remove("model");

        assertInvalid(body, "model");
    }

    @Test
    void emptyMessagesAreRejectedAsAnEmptyArray() {
        ObjectNode body = json("request.basic.json");
        body.putArray("messages");

        GatewayError.InvalidRequest error = invalid(body);

        assertThat(error.param()).hasValue("messages");
        assertThat(error.code()).hasValue("empty_array");
        assertThat(error.status()).isEqualTo(400);
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                invalidCase("missing messages", b -> b.remove("messages"), "messages"),
                invalidCase("messages as a string", b -> b.put("messages", "Hello"), "messages"),
                invalidCase("an unknown role", b -> message(b).put("role", "wizard"), "messages[1].role"),
                invalidCase("a message without a role", b -> message(b).remove("role"), "messages[1].role"),
                invalidCase("content as a number", b -> message(b).put("content", 42), "messages[1].content"),
                invalidCase("a user message without content", b -> message(b).remove("content"),
                        "messages[1].content"),
                invalidCase("a tool message without tool_call_id", b -> message(b).put("role", "tool"),
                        "messages[1].tool_call_id"),
                invalidCase("temperature as a string", b -> b.put("temperature", "hot"), "temperature"),
                invalidCase("top_p as a boolean", b -> b.put("top_p", true), "top_p"),
                invalidCase("max_completion_tokens as a fraction", b -> b.put("max_completion_tokens", 1.5),
                        "max_completion_tokens"),
                invalidCase("zero max_completion_tokens", b -> b.put("max_completion_tokens", 0), "max_tokens"),
                invalidCase("n of zero", b -> b.put("n", 0), "n"),
                invalidCase("stream as a string", b -> b.put("stream", "yes"), "stream"),
                invalidCase("stop as a number", b -> b.put("stop", 3), "stop"),
                invalidCase("model as a number", b -> b.put("model", 4), "model"),
                invalidCase("a blank model", b -> b.put("model", " "), "model"),
                invalidCase("an unknown tool_choice", b -> b.put("tool_choice", "sometimes"), "tool_choice"),
                invalidCase("an unknown response_format type",
                        b -> b.putObject("response_format").put("type", "xml"), "response_format.type"),
                invalidCase("a custom tool", b -> b.putArray("tools").addObject().put("type", "custom"),
                        "tools[0].type"),
                invalidCase("a metadata value that is not a string",
                        b -> b.putObject("metadata").put("tier", 3), "metadata"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void invalidFieldIsRejectedWithItsParamName(String what, Consumer<ObjectNode> breakIt, String param) {
        ObjectNode body = json("request.basic.json");
        breakIt.accept(body);

        assertInvalid(body, param);
    }

    @ParameterizedTest
    @ValueSource(strings = {"system", "developer", "user", "assistant"})
    void everyChatRoleNameIsAccepted(String role) {
        ObjectNode body = json("request.basic.json");
        message(body).put("role", role);

        assertThat(OpenAiRequestMapper.toCanonical(body).messages()).hasSize(2);
    }

    private static Arguments invalidCase(String what, Consumer<ObjectNode> breakIt, String param) {
        return Arguments.of(what, breakIt, param);
    }

    private static ObjectNode message(ObjectNode body) {
        return (ObjectNode) body.get("messages").get(1);
    }

    private static void assertInvalid(ObjectNode body, String param) {
        assertThat(invalid(body).param()).hasValue(param);
    }

    private static GatewayError.InvalidRequest invalid(ObjectNode body) {
        GatewayException thrown = catchThrowableOfType(GatewayException.class,
                () -> OpenAiRequestMapper.toCanonical(body));
        assertThat(thrown).as("a GatewayException for %s", body).isNotNull();
        assertThat(thrown.error()).isInstanceOf(GatewayError.InvalidRequest.class);
        return (GatewayError.InvalidRequest) thrown.error();
    }

    private static ObjectNode body(String json) {
        JsonNode node = Json.tryParse(json).orElseThrow();
        return (ObjectNode) node;
    }

    private static ChatRequest withExtensions(ChatRequest r, Extensions extensions) {
        return new ChatRequest(r.model(), r.messages(), r.tools(), r.toolChoice(), r.parallelToolCalls(),
                r.sampling(), r.responseFormat(), r.reasoning(), r.stream(), r.includeUsage(), r.metadata(),
                r.user(), extensions);
    }
}
