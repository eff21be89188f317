package dev.junction.dialect.anthropic;

import static dev.junction.dialect.anthropic.AnthropicFixtures.json;
import static dev.junction.dialect.anthropic.AnthropicFixtures.openAi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.dialect.openai.OpenAiResponseMapper;
import dev.junction.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same "weather in Paris and Tokyo" conversation in both dialects: OpenAI requests translated for Anthropic
 * match the Anthropic fixtures' structure, and Anthropic responses translated for OpenAI clients match the OpenAI
 * fixtures' choices, finish reason and usage. Ids, tool names and wording differ between the recordings, so what is
 * compared is what both sides share.
 */
class AnthropicCrossPairTest {

    private final Set<String> dropped = new HashSet<>();

    private ObjectNode translated(String openAiFixture) {
        return AnthropicRequestMapper.fromCanonical(OpenAiRequestMapper.toCanonical(openAi(openAiFixture)), dropped);
    }

    @Test
    void theOpenAiToolsRequestBecomesTheAnthropicToolsRequest() {
        ObjectNode body = translated("request.tools.json");
        ObjectNode expected = json("request.tools.json");

        assertThat(body.get("messages")).isEqualTo(expected.get("messages"));
        assertThat(body.get("tools").get(0).get("input_schema")).isEqualTo(expected.get("tools").get(0)
                .get("input_schema"));
        assertThat(body.get("tools").get(0).get("description")).isEqualTo(expected.get("tools").get(0)
                .get("description"));
        assertThat(body.get("tool_choice")).isEqualTo(expected.get("tool_choice"));
        assertThat(body.get("max_tokens").isInt()).isTrue();
        assertThat(dropped).isEmpty();
    }

    @Test
    void theOpenAiToolResultRequestBecomesTheAnthropicToolResultConversation() {
        ObjectNode body = translated("request.tool-result.json");
        ObjectNode expected = json("request.tool-result.json");

        List<String> roles = new ArrayList<>();
        body.get("messages").forEach(m -> roles.add(m.get("role").stringValue()));
        assertThat(roles).containsExactly("user", "assistant", "user");
        assertThat(inputs(body.get("messages").get(1))).isEqualTo(inputs(expected.get("messages").get(1)));
        JsonNode results = body.get("messages").get(2).get("content");
        JsonNode expectedResults = expected.get("messages").get(2).get("content");
        for (int i = 0; i < 2; i++) {
            assertThat(results.get(i).get("type").stringValue()).isEqualTo("tool_result");
            assertThat(results.get(i).get("tool_use_id")).isEqualTo(body.get("messages").get(1).get("content")
                    .get(i).get("id"));
            assertThat(Json.tryParse(results.get(i).get("content").stringValue()))
                    .isEqualTo(Json.tryParse(text(expectedResults.get(i).get("content"))));
        }
        assertThat(body.get("tools").get(0).get("input_schema")).isEqualTo(expected.get("tools").get(0)
                .get("input_schema"));
    }

    private static List<JsonNode> inputs(JsonNode assistant) {
        List<JsonNode> out = new ArrayList<>();
        assistant.get("content").forEach(b -> {
            if (b.get("type").stringValue().equals("tool_use")) {
                out.add(b.get("input"));
            }
        });
        return out;
    }

    private static String text(JsonNode content) {
        return content.isString() ? content.stringValue() : content.get(0).get("text").stringValue();
    }

    static Stream<Arguments> responses() {
        return Stream.of(Arguments.of("response.basic.json", "response.basic.json"),
                Arguments.of("response.tools.json", "response.tools.json"),
                Arguments.of("response.tool-result.json", "response.tool-result.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void anAnthropicResponseBecomesTheOpenAiResponse(String anthropic, String openAiTwin) {
        ObjectNode original = json(anthropic);
        ObjectNode body = OpenAiResponseMapper.fromCanonical(AnthropicResponseMapper.toCanonical(original));
        JsonNode expected = openAi(openAiTwin).get("choices").get(0);
        JsonNode choice = body.get("choices").get(0);

        assertThat(body.get("choices")).hasSize(1);
        assertThat(choice.get("finish_reason")).isEqualTo(expected.get("finish_reason"));
        assertThat(arguments(choice.get("message"))).isEqualTo(arguments(expected.get("message")));
        assertThat(choice.get("message").get("tool_calls") == null)
                .isEqualTo(expected.get("message").get("tool_calls") == null);
        JsonNode usage = original.get("usage");
        long prompt = usage.get("input_tokens").longValue() + usage.get("cache_read_input_tokens").longValue()
                + usage.get("cache_creation_input_tokens").longValue();
        assertThat(body.get("usage").get("prompt_tokens").longValue()).isEqualTo(prompt);
        assertThat(body.get("usage").get("completion_tokens").longValue())
                .isEqualTo(usage.get("output_tokens").longValue());
        assertThat(body.get("usage").get("total_tokens").longValue())
                .isEqualTo(prompt + usage.get("output_tokens").longValue());
        assertThat(fieldNames(body.get("usage"))).isEqualTo(fieldNames(openAi(openAiTwin).get("usage")));
    }

    @Test
    void aCacheHitCountsAsCachedPromptTokensForOpenAiClients() {
        ObjectNode body = OpenAiResponseMapper.fromCanonical(AnthropicResponseMapper.toCanonical(
                json("response.cache-hit.json")));

        assertThat(body.get("usage").get("prompt_tokens").longValue()).isEqualTo(1816);
        assertThat(body.get("usage").get("prompt_tokens_details").get("cached_tokens").longValue()).isEqualTo(1804);
    }

    private static List<JsonNode> arguments(JsonNode message) {
        List<JsonNode> out = new ArrayList<>();
        message.path("tool_calls").forEach(c -> out.add(Json.tryParse(c.get("function").get("arguments")
                .stringValue()).orElseThrow()));
        return out;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
