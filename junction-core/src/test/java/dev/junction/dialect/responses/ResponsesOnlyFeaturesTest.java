package dev.junction.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.dialect.anthropic.AnthropicRequestMapper;
import dev.junction.dialect.gemini.GeminiRequestMapper;
import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Built-in tools and OpenAI-held state of a Responses client are refused by upstreams of the other dialects. */
class ResponsesOnlyFeaturesTest {

    static Stream<Arguments> otherDialects() {
        BiFunction<ChatRequest, Set<String>, ObjectNode> anthropic = AnthropicRequestMapper::fromCanonical;
        BiFunction<ChatRequest, Set<String>, ObjectNode> gemini = GeminiRequestMapper::fromCanonical;
        BiFunction<ChatRequest, Set<String>, ObjectNode> chat = OpenAiRequestMapper::fromCanonical;
        return Stream.of(Arguments.of("Anthropic", anthropic), Arguments.of("Gemini", gemini),
                Arguments.of("OpenAI Chat Completions", chat));
    }

    private static ChatRequest request(String extra) {
        ObjectNode body = Json.parseObject(("{\"model\":\"m\",\"input\":\"Find the latest news\"" + extra + "}")
                .getBytes());
        return ResponsesRequestMapper.toCanonical(body);
    }

    private static void assertRefused(BiFunction<ChatRequest, Set<String>, ObjectNode> target, ChatRequest request,
                                      String param, String named) {
        assertThatThrownBy(() -> target.apply(request, new HashSet<>())).isInstanceOfSatisfying(
                GatewayException.class, e -> {
                    GatewayError.InvalidRequest error = (GatewayError.InvalidRequest) e.error();
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.param()).hasValue(param);
                    assertThat(error.message()).contains(named);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherDialects")
    void aBuiltInToolIsRefusedByName(String upstream, BiFunction<ChatRequest, Set<String>, ObjectNode> target) {
        ChatRequest request = request(",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{}},"
                + "{\"type\":\"web_search\"}]");

        assertRefused(target, request, "tools", "'web_search'");
        assertRefused(target, request, "tools", upstream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherDialects")
    void aCustomToolOrMcpServerIsRefusedNamingIt(String upstream,
                                                 BiFunction<ChatRequest, Set<String>, ObjectNode> target) {
        assertRefused(target, request(",\"tools\":[{\"type\":\"custom\",\"name\":\"grammar_tool\"}]"), "tools",
                "'grammar_tool'");
        assertRefused(target, request(",\"tools\":[{\"type\":\"mcp\",\"server_label\":\"deepwiki\","
                + "\"server_url\":\"https://mcp.deepwiki.com/mcp\"}]"), "tools", "'deepwiki'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherDialects")
    void stateHeldByOpenAiIsRefused(String upstream, BiFunction<ChatRequest, Set<String>, ObjectNode> target) {
        assertRefused(target, request(",\"previous_response_id\":\"resp_1\""), "previous_response_id",
                "previous_response_id");
        assertRefused(target, request(",\"prompt\":{\"id\":\"pmpt_1\"}"), "prompt", "prompt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherDialects")
    void functionToolsAloneAreTranslatedAndStyleHintsNamed(String upstream,
                                                           BiFunction<ChatRequest, Set<String>, ObjectNode> target) {
        Set<String> dropped = new HashSet<>();

        ObjectNode written = target.apply(request(",\"tools\":[{\"type\":\"function\",\"name\":\"lookup\","
                + "\"parameters\":{\"type\":\"object\"}}],\"text\":{\"verbosity\":\"low\"},\"truncation\":\"auto\","
                + "\"store\":false,\"include\":[\"reasoning.encrypted_content\"]"), dropped);

        assertThat(Json.write(written)).contains("lookup");
        assertThat(dropped).contains("text.verbosity", "truncation");
    }
}
