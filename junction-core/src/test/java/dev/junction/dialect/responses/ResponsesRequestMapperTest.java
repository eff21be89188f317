package dev.junction.dialect.responses;

import static dev.junction.dialect.responses.ResponsesFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Reasoning;
import dev.junction.model.ResponseFormat;
import dev.junction.model.Role;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.ToolChoice;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ResponsesRequestMapperTest {

    static Stream<String> requestFixtures() {
        return Stream.of("request.basic.json", "request.input_tokens.json", "request.reasoning.json",
                "request.stream.json", "request.tool-result.json", "request.tools.json", "request.tools.stream.json");
    }

    /**
     * What a fixture means survives the canonical form: a string input is the same as one user message, replayed
     * items lose only their item ids and statuses (which carry no meaning for the model), and the reverse mapping
     * asks the upstream not to store the answer when the client did not say.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("requestFixtures")
    void everyRequestFixtureSurvivesARoundTrip(String fixture) {
        ObjectNode original = json(fixture);

        ObjectNode written = ResponsesRequestMapper.fromCanonical(ResponsesRequestMapper.toCanonical(original),
                new HashSet<>());

        assertThat(written.path("store").asBoolean(true)).isFalse();
        if (!original.has("store")) {
            written.remove("store");
        }
        assertThat(written).isEqualTo(withListInput(original));
    }

    private static ObjectNode withListInput(ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        if (copy.get("input").isString()) {
            copy.putArray("input").addObject().put("role", "user").put("content", request.get("input").stringValue());
        }
        for (JsonNode item : copy.get("input")) {
            ((ObjectNode) item).remove(List.of("id", "status"));
        }
        return copy;
    }

    @Test
    void instructionsBecomeASystemMessageBeforeTheStringInput() {
        ChatRequest request = ResponsesRequestMapper.toCanonical(json("request.basic.json"));

        assertThat(request.model()).isEqualTo("gpt-4.1");
        assertThat(request.messages()).containsExactly(Message.text(Role.SYSTEM, "You are a helpful assistant."),
                Message.text(Role.USER, "Hello!"));
        assertThat(request.stream()).isFalse();
        assertThat(request.includeUsage()).isTrue();
    }

    @Test
    void flatFunctionToolsAndTheToolChoiceAreCanonical() {
        ChatRequest request = ResponsesRequestMapper.toCanonical(json("request.tools.stream.json"));

        assertThat(request.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("get_current_weather");
            assertThat(tool.description()).hasValue("Get the current weather in a given location");
            assertThat(tool.parameters().path("required")).hasSize(2);
            assertThat(tool.strict()).hasValue(true);
        });
        assertThat(request.toolChoice()).hasValue(new ToolChoice.Auto());
        assertThat(request.stream()).isTrue();
        assertThat(request.extensions().get(Dialect.OPENAI_RESPONSES)).isEmpty();
    }

    @Test
    void aReplayedFunctionCallIsAnAssistantToolCallAndItsOutputAToolResult() {
        ChatRequest request = ResponsesRequestMapper.toCanonical(json("request.tool-result.json"));

        assertThat(request.messages()).containsExactly(
                Message.text(Role.USER, "What is the weather like in Paris today?"),
                new Message(Role.ASSISTANT, List.of(new ContentPart.ToolCall("call_unLAR8MvFNptuiZK6K6HCy5k",
                        "get_current_weather", "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}")),
                        Optional.empty()),
                new Message(Role.TOOL, List.of(new ContentPart.ToolResult("call_unLAR8MvFNptuiZK6K6HCy5k",
                        List.of(new ContentPart.Text("{\"temperature\":18,\"unit\":\"celsius\",\"conditions\":"
                                + "\"cloudy\"}")), false)), Optional.empty()));
        assertThat(request.extensions().get(Dialect.OPENAI_RESPONSES).orElseThrow().get("store").booleanValue())
                .isFalse();
    }

    @Test
    void reasoningEffortIsCanonicalWhileSummaryIncludeAndStoreAreExtensions() {
        ChatRequest request = ResponsesRequestMapper.toCanonical(json("request.reasoning.json"));

        assertThat(request.reasoning()).hasValue(Reasoning.ofEffort("medium"));
        ObjectNode ext = request.extensions().get(Dialect.OPENAI_RESPONSES).orElseThrow();
        assertThat(ext.path("reasoning").path("summary").stringValue()).isEqualTo("auto");
        assertThat(ext.path("include").get(0).stringValue()).isEqualTo("reasoning.encrypted_content");
        assertThat(ext.path("store").booleanValue()).isFalse();
    }

    @Test
    void theOptionsTheServerNeedsAreReadFromTheBody() {
        ObjectNode body = json("request.reasoning.json").put("previous_response_id", "resp_1").put("background", true)
                .put("instructions", "Be brief.");
        body.putObject("conversation").put("id", "conv_9");
        body.putObject("metadata").put("team", "search");

        ResponsesOptions options = ResponsesOptions.of(body);

        assertThat(options.previousResponseId()).hasValue("resp_1");
        assertThat(options.conversation()).hasValue("conv_9");
        assertThat(options.store()).isFalse();
        assertThat(options.background()).isTrue();
        assertThat(options.includesEncryptedReasoning()).isTrue();
        assertThat(options.instructions()).hasValue("Be brief.");
        assertThat(options.metadata()).containsEntry("team", "search");
        assertThat(ResponsesOptions.of(json("request.basic.json")).store()).isTrue();
    }

    @Test
    void consecutiveModelItemsFormOneAssistantTurnInOrder() {
        ObjectNode body = request("""
                [{"role":"user","content":"Weather in Paris and Tokyo?"},
                 {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Two cities."}],
                  "encrypted_content":"gAAAA-blob"},
                 {"type":"message","role":"assistant","id":"msg_1","status":"completed",
                  "content":[{"type":"output_text","text":"Checking.","annotations":[]}]},
                 {"type":"function_call","call_id":"call_a","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
                 {"type":"function_call","call_id":"call_b","name":"get_weather","arguments":"{\\"city\\":\\"Tokyo\\"}"},
                 {"type":"function_call_output","call_id":"call_a","output":"18C"},
                 {"type":"function_call_output","call_id":"call_b","output":[{"type":"input_text","text":"22C"}]}]
                """);

        List<Message> messages = ResponsesRequestMapper.toCanonical(body).messages();

        assertThat(messages).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL,
                Role.TOOL);
        assertThat(messages.get(1).content()).containsExactly(
                new ContentPart.Thinking("Two cities.", Optional.of(ThoughtSignature.tag(Dialect.OPENAI_RESPONSES,
                        "rs_1:gAAAA-blob")), false),
                new ContentPart.Text("Checking."),
                new ContentPart.ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                new ContentPart.ToolCall("call_b", "get_weather", "{\"city\":\"Tokyo\"}"));
        assertThat(messages.get(3).content()).containsExactly(new ContentPart.ToolResult("call_b",
                List.of(new ContentPart.Text("22C")), false));
    }

    @Test
    void imagesFilesAndRefusalsAreCanonicalParts() {
        ObjectNode body = request("""
                [{"role":"user","content":[{"type":"input_text","text":"Compare"},
                  {"type":"input_image","image_url":"https://example.com/a.jpg","detail":"high"},
                  {"type":"input_image","image_url":"data:image/png;base64,iVBOR"},
                  {"type":"input_file","filename":"doc.pdf","file_data":"data:application/pdf;base64,JVBER"},
                  {"type":"input_file","file_id":"file-abc"}]},
                 {"role":"assistant","content":[{"type":"refusal","refusal":"No."}]}]
                """);

        List<Message> messages = ResponsesRequestMapper.toCanonical(body).messages();

        assertThat(messages.get(0).content()).containsExactly(new ContentPart.Text("Compare"),
                new ContentPart.Image(new dev.junction.model.MediaSource.Url("https://example.com/a.jpg"),
                        Optional.of("high")),
                new ContentPart.Image(new dev.junction.model.MediaSource.Base64("image/png", "iVBOR"),
                        Optional.empty()),
                new ContentPart.Document(new dev.junction.model.MediaSource.Base64("application/pdf", "JVBER"),
                        Optional.of("doc.pdf")),
                new ContentPart.Document(new dev.junction.model.MediaSource.FileRef("file-abc"), Optional.empty()));
        assertThat(messages.get(1).content()).containsExactly(new ContentPart.Refusal("No."));
    }

    @Test
    void builtInToolsAndTheirItemsAreKeptForAResponsesUpstream() {
        ObjectNode body = request("""
                [{"role":"user","content":"Search the news"},
                 {"type":"web_search_call","id":"ws_1","status":"completed","action":{"type":"search","query":"news"}},
                 {"role":"user","content":"And summarise."}]
                """);
        body.putArray("tools").addObject().put("type", "web_search");
        body.withArray("tools").addObject().put("type", "function").put("name", "lookup").put("strict", false)
                .putObject("parameters").put("type", "object");
        body.putObject("text").put("verbosity", "low").putObject("format").put("type", "json_object");

        ChatRequest request = ResponsesRequestMapper.toCanonical(body);
        ObjectNode written = ResponsesRequestMapper.fromCanonical(request, new HashSet<>());

        assertThat(request.tools()).extracting(t -> t.name()).containsExactly("lookup");
        assertThat(request.responseFormat()).hasValue(new ResponseFormat.JsonObject());
        assertThat(request.messages().get(1).content()).singleElement().isInstanceOf(ContentPart.Opaque.class);
        assertThat(written.get("tools")).containsExactlyInAnyOrderElementsOf(body.get("tools"));
        assertThat(written.get("input").get(1)).isEqualTo(body.get("input").get(1));
        assertThat(written.get("text")).isEqualTo(body.get("text"));
    }

    @Test
    void safetyIdentifierStandsForTheUserAndTravelsBackAsItself() {
        ObjectNode body = json("request.basic.json").put("safety_identifier", "u-42");

        ChatRequest request = ResponsesRequestMapper.toCanonical(body);
        ObjectNode written = ResponsesRequestMapper.fromCanonical(request, new HashSet<>());

        assertThat(request.user()).hasValue("u-42");
        assertThat(written.path("safety_identifier").stringValue()).isEqualTo("u-42");
        assertThat(written.has("user")).isFalse();
    }

    static Stream<Object[]> invalidBodies() {
        return Stream.of(
                new Object[] {"{\"model\":\"m\",\"input\":7}", "input"},
                new Object[] {"{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                        + "\"text\":3}]}]}", "input[0].content[0].text"},
                new Object[] {"{\"model\":\"m\",\"input\":[{\"role\":\"robot\",\"content\":\"hi\"}]}",
                        "input[0].role"},
                new Object[] {"{\"model\":\"m\",\"input\":[{\"type\":\"function_call\",\"name\":\"f\","
                        + "\"arguments\":\"{}\"}]}", "input[0].call_id"},
                new Object[] {"{\"model\":\"m\",\"input\":[{\"content\":\"hi\"}]}", "input[0].type"},
                new Object[] {"{\"model\":\"m\",\"input\":\"hi\",\"tools\":{}}", "tools"},
                new Object[] {"{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\"}]}",
                        "tools[0].name"},
                new Object[] {"{\"model\":\"m\",\"input\":\"hi\",\"tool_choice\":\"always\"}", "tool_choice"},
                new Object[] {"{\"model\":\"m\",\"input\":\"hi\",\"max_output_tokens\":\"9\"}", "max_output_tokens"},
                new Object[] {"{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"xml\"}}}",
                        "text.format.type"},
                new Object[] {"{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\","
                        + "\"name\":\"x\"}}}", "text.format.schema"},
                new Object[] {"{\"model\":\"m\",\"input\":\"hi\",\"reasoning\":{\"effort\":5}}", "reasoning.effort"},
                new Object[] {"{\"model\":\"m\",\"input\":\"hi\",\"metadata\":{\"k\":1}}", "metadata.k"},
                new Object[] {"{\"model\":\"m\",\"input\":\"hi\",\"include\":[1]}", "include[0]"},
                new Object[] {"{\"input\":\"hi\"}", "model"});
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidBodies")
    void aFieldOfTheWrongShapeIsA400NamingIt(String body, String param) {
        assertThatThrownBy(() -> ResponsesRequestMapper.toCanonical(Json.parseObject(body.getBytes())))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error()).isInstanceOf(GatewayError.InvalidRequest.class);
                    assertThat(((GatewayError.InvalidRequest) e.error()).param()).hasValue(param);
                });
    }

    static ObjectNode request(String input) {
        ObjectNode body = Json.object().put("model", "gpt-4.1");
        body.set("input", Json.tryParse(input).orElseThrow());
        return body;
    }

    static JsonNode node(String json) {
        return Json.tryParse(json).orElseThrow();
    }
}
