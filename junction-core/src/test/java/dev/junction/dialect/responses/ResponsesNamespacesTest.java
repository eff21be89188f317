package dev.junction.dialect.responses;

import static dev.junction.dialect.responses.ResponsesFixtures.data;
import static dev.junction.dialect.responses.ResponsesFixtures.encodeToText;
import static dev.junction.dialect.responses.ResponsesFixtures.parseSse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.dialect.anthropic.AnthropicRequestMapper;
import dev.junction.dialect.gemini.GeminiRequestMapper;
import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.StreamEvents;
import dev.junction.model.ToolDefinition;
import dev.junction.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Namespace tools, as Codex CLI sends its sub-agent tools: flattened into qualified function tools for every other
 * dialect, and written back to the Responses client under the inner name with its namespace.
 */
class ResponsesNamespacesTest {

    private static final String TOOLS = """
            "tools": [
              {"type": "function", "name": "exec_command", "parameters": {"type": "object"}},
              {"type": "namespace", "name": "multi_agent_v1", "description": "Tools for sub-agents.", "tools": [
                {"type": "function", "name": "spawn_agent", "description": "Start an agent.", "strict": false,
                 "parameters": {"type": "object", "properties": {"task": {"type": "string"}}}},
                {"type": "function", "name": "close_agent", "parameters": {"type": "object"}}
              ]}
            ]""";

    private static ObjectNode body(String fields) {
        return Json.parseObject(("{\"model\": \"m\", " + fields + "}").getBytes());
    }

    private static ChatResponse answerCalling(String name) {
        Message message = new Message(Role.ASSISTANT, List.of(new ContentPart.ToolCall("call_1", name,
                "{\"task\":\"lint\"}")), Optional.empty());
        return new ChatResponse("up_1", "claude", 1_700_000_000, List.of(new Choice(0, message,
                Optional.of(FinishReason.TOOL_CALLS), List.of())), new Usage(10, 5, 0, 0, 0), Extensions.none());
    }

    static Stream<Arguments> otherDialects() {
        BiFunction<ChatRequest, Set<String>, ObjectNode> anthropic = AnthropicRequestMapper::fromCanonical;
        BiFunction<ChatRequest, Set<String>, ObjectNode> gemini = GeminiRequestMapper::fromCanonical;
        BiFunction<ChatRequest, Set<String>, ObjectNode> chat = OpenAiRequestMapper::fromCanonical;
        return Stream.of(Arguments.of("Anthropic", anthropic), Arguments.of("Gemini", gemini),
                Arguments.of("OpenAI Chat Completions", chat));
    }

    @Test
    void theFunctionsOfANamespaceBecomeCanonicalToolsNamedWithTheirNamespace() {
        ChatRequest request = ResponsesRequestMapper.toCanonical(body("\"input\": \"hi\", " + TOOLS));

        assertThat(request.tools()).extracting(ToolDefinition::name)
                .containsExactly("exec_command", "multi_agent_v1__spawn_agent", "multi_agent_v1__close_agent");
        ToolDefinition spawn = request.tools().get(1);
        assertThat(spawn.description()).hasValue("Start an agent.");
        assertThat(spawn.strict()).hasValue(false);
        assertThat(spawn.parameters()).isEqualTo(Json.parseObject(
                "{\"type\":\"object\",\"properties\":{\"task\":{\"type\":\"string\"}}}".getBytes()));
        assertThat(request.extensions().get(Dialect.OPENAI_RESPONSES)).as("no built-in tool is left").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherDialects")
    void aNamespaceOfFunctionsReachesAnotherDialectAsFlatTools(String upstream,
                                                              BiFunction<ChatRequest, Set<String>, ObjectNode> target) {
        ChatRequest request = ResponsesRequestMapper.toCanonical(body("\"input\": \"hi\", " + TOOLS));

        String written = Json.write(target.apply(request, new HashSet<>()));

        assertThat(written).contains("\"multi_agent_v1__spawn_agent\"", "\"multi_agent_v1__close_agent\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherDialects")
    void aNamespaceHoldingACustomToolIsStillRefused(String upstream,
                                                    BiFunction<ChatRequest, Set<String>, ObjectNode> target) {
        ChatRequest request = ResponsesRequestMapper.toCanonical(body("\"input\": \"hi\", \"tools\": [{\"type\": "
                + "\"namespace\", \"name\": \"crm\", \"tools\": [{\"type\": \"custom\", \"name\": \"query\"}]}]"));

        assertThatThrownBy(() -> target.apply(request, new HashSet<>())).isInstanceOf(GatewayException.class)
                .hasMessageContaining("'namespace' ('crm')");
    }

    @Test
    void aReplayedCallOfANamespacedFunctionIsReadUnderItsQualifiedName() {
        ChatRequest request = ResponsesRequestMapper.toCanonical(body("\"input\": [{\"role\": \"user\", "
                + "\"content\": \"lint\"}, {\"type\": \"function_call\", \"call_id\": \"call_1\", \"namespace\": "
                + "\"multi_agent_v1\", \"name\": \"spawn_agent\", \"arguments\": \"{}\"}, {\"type\": "
                + "\"function_call_output\", \"call_id\": \"call_1\", \"output\": \"agent 7\"}], " + TOOLS));

        assertThat(request.messages().get(1).content()).containsExactly(new ContentPart.ToolCall("call_1",
                "multi_agent_v1__spawn_agent", "{}"));
    }

    @Test
    void anAnswerCallingAQualifiedNameIsAFunctionCallOfTheNamespace() {
        ResponsesEcho echo = ResponsesEcho.of(body(TOOLS));

        ObjectNode response = ResponsesResponseMapper.fromCanonical(answerCalling("multi_agent_v1__spawn_agent"),
                echo, ReasoningSeal.PLAIN);

        JsonNode call = response.path("output").get(0);
        assertThat(call.path("type").asString()).isEqualTo("function_call");
        assertThat(call.path("name").asString()).isEqualTo("spawn_agent");
        assertThat(call.path("namespace").asString()).isEqualTo("multi_agent_v1");
        assertThat(call.path("call_id").asString()).isEqualTo("call_1");
    }

    @Test
    void aStreamedCallOfAQualifiedNameIsAFunctionCallOfTheNamespace() {
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(ResponsesEcho.of(body(TOOLS)),
                ReasoningSeal.PLAIN);

        List<JsonNode> events = data(parseSse(Buffer.buffer(encodeToText(encoder, StreamEvents.of(
                answerCalling("multi_agent_v1__spawn_agent"), StreamEvents::words)))));

        List<JsonNode> items = events.stream()
                .filter(d -> d.path("type").asString().startsWith("response.output_item."))
                .map(d -> d.path("item")).toList();
        assertThat(items).hasSize(2).allSatisfy(item -> {
            assertThat(item.path("name").asString()).isEqualTo("spawn_agent");
            assertThat(item.path("namespace").asString()).isEqualTo("multi_agent_v1");
        });
        JsonNode completed = encoder.completedResponse().orElseThrow().path("output").get(0);
        assertThat(completed.path("namespace").asString()).isEqualTo("multi_agent_v1");
    }

    @Test
    void aTopLevelFunctionKeepsItsNameEvenWhenItLooksQualified() {
        ResponsesEcho echo = ResponsesEcho.of(body("\"tools\": [{\"type\": \"function\", \"name\": \"crm__find\"}, "
                + "{\"type\": \"namespace\", \"name\": \"crm\", \"tools\": [{\"type\": \"function\", \"name\": "
                + "\"find\"}]}]"));

        JsonNode call = ResponsesResponseMapper.fromCanonical(answerCalling("crm__find"), echo, ReasoningSeal.PLAIN)
                .path("output").get(0);

        assertThat(call.path("name").asString()).isEqualTo("crm__find");
        assertThat(call.has("namespace")).isFalse();
    }

    @Test
    void anUpstreamsCallOfANamespacedFunctionIsReadUnderItsQualifiedName() {
        ChatResponse response = ResponsesResponseMapper.toCanonical(Json.parseObject("""
                {"id": "resp_1", "status": "completed", "output": [{"type": "function_call", "id": "fc_1",
                 "call_id": "call_1", "namespace": "crm", "name": "find", "arguments": "{}"}]}""".getBytes()));

        assertThat(response.choices().getFirst().message().content()).containsExactly(new ContentPart.ToolCall(
                "call_1", "crm__find", "{}"));
    }
}
