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
import dev.junction.testing.TestFixtures;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Requests of Chat Completions, Anthropic and Gemini clients written for a Responses upstream. */
class ResponsesRequestFromOtherDialectsTest {

    private static ObjectNode fixture(String path) {
        return Json.parseObject(TestFixtures.bytes("/fixtures/" + path));
    }

    private static ObjectNode fromChat(ObjectNode chat, Set<String> dropped) {
        return ResponsesRequestMapper.fromCanonical(OpenAiRequestMapper.toCanonical(chat), dropped);
    }

    @Test
    void chatToolsBecomeFlatFunctionToolsThatAreNotStrictUnlessTheClientSaidSo() {
        ObjectNode written = fromChat(fixture("openai-chat/request.tools.json"), new HashSet<>());

        ObjectNode chatTool = (ObjectNode) fixture("openai-chat/request.tools.json").at("/tools/0/function");
        ObjectNode expected = Json.object().put("type", "function").put("name", "get_current_weather")
                .put("description", chatTool.get("description").stringValue());
        expected.set("parameters", chatTool.get("parameters"));
        expected.put("strict", false);
        assertThat(written.get("tools")).containsExactly(expected);
        assertThat(written.path("tool_choice").stringValue()).isEqualTo("auto");
        assertThat(written.path("parallel_tool_calls").booleanValue()).isTrue();
        assertThat(written.get("input")).containsExactly(Json.object().put("role", "user")
                .put("content", "What's the weather like in Paris and in Tokyo right now?"));
    }

    @Test
    void aTranslatedRequestIsNotStoredAndAsksForNothingWithoutReasoning() {
        ObjectNode written = fromChat(fixture("openai-chat/request.basic.json"), new HashSet<>());

        assertThat(written.path("instructions").stringValue()).isEqualTo("You are a helpful assistant.");
        assertThat(written.path("store").booleanValue()).isFalse();
        assertThat(written.has("include")).isFalse();
        assertThat(written.has("reasoning")).isFalse();
    }

    @Test
    void aThinkingRequestAsksForSummariesAndEncryptedReasoningToReplay() {
        ChatRequest thinking = AnthropicRequestMapper.toCanonical(fixture("anthropic/request.thinking.json"));
        assertThat(thinking.reasoning().orElseThrow().budget()).isEqualTo(10000);

        ObjectNode written = ResponsesRequestMapper.fromCanonical(thinking, new HashSet<>());

        assertThat(written.get("reasoning")).isEqualTo(Json.object().put("effort", "high").put("summary", "auto"));
        assertThat(written.get("include")).containsExactly(Json.MAPPER.getNodeFactory()
                .stringNode("reasoning.encrypted_content"));
        assertThat(written.path("max_output_tokens").intValue()).isEqualTo(16000);
    }

    @Test
    void theSystemPromptBecomesTheInstructionsAndToolResultsFunctionCallOutputs() {
        ObjectNode anthropic = fixture("anthropic/request.tool-result.json").put("system", "Be terse.");
        ObjectNode written = ResponsesRequestMapper.fromCanonical(AnthropicRequestMapper.toCanonical(anthropic),
                new HashSet<>());

        assertThat(written.path("instructions").stringValue()).isEqualTo("Be terse.");
        assertThat(written.get("input")).extracting(i -> i.path("type").asString("message")).containsExactly(
                "message", "message", "function_call", "function_call", "function_call_output",
                "function_call_output", "message");
        assertThat(written.at("/input/2/call_id").stringValue()).isEqualTo("toolu_01NRLabsLyVHZPKxbKvkfSMn");
        assertThat(written.at("/input/2/arguments").stringValue())
                .isEqualTo("{\"location\":\"Paris, France\",\"unit\":\"celsius\"}");
        assertThat(written.at("/input/4/output").stringValue())
                .isEqualTo("{\"temperature\":18,\"unit\":\"celsius\",\"conditions\":\"cloudy\"}");
    }

    @Test
    void aFailedToolCallsOutputStartsWithError() {
        ObjectNode anthropic = fixture("anthropic/request.tool-result.json");
        ((ObjectNode) anthropic.at("/messages/2/content/0")).put("is_error", true);

        ObjectNode written = ResponsesRequestMapper.fromCanonical(AnthropicRequestMapper.toCanonical(anthropic),
                new HashSet<>());

        assertThat(written.at("/input/4/output").stringValue()).startsWith("Error: {\"temperature\"");
    }

    @Test
    void whatResponsesCannotExpressIsNamedAndTheTokenFloorRaised() {
        ObjectNode chat = fixture("openai-chat/request.basic.json").put("seed", 7).put("max_completion_tokens", 5)
                .put("presence_penalty", 0.5).put("logit_bias", 1);
        chat.putArray("stop").add("END");
        Set<String> dropped = new HashSet<>();

        ObjectNode written = fromChat(chat, dropped);

        assertThat(dropped).containsExactlyInAnyOrder("seed", "stop", "presence_penalty", "logit_bias");
        assertThat(written.path("max_output_tokens").intValue()).isEqualTo(16);
    }

    @Test
    void moreThanOneChoiceIsRefused() {
        ObjectNode chat = fixture("openai-chat/request.basic.json").put("n", 2);

        assertThatThrownBy(() -> fromChat(chat, new HashSet<>())).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(((GatewayError.InvalidRequest) e.error()).param()).hasValue("n"));
    }

    @Test
    void logprobsAreRequestedThroughInclude() {
        ObjectNode written = fromChat(fixture("openai-chat/request.logprobs.json"), new HashSet<>());

        assertThat(written.get("include")).containsExactly(Json.MAPPER.getNodeFactory()
                .stringNode("message.output_text.logprobs"));
        assertThat(written.has("top_logprobs")).isEqualTo(fixture("openai-chat/request.logprobs.json")
                .has("top_logprobs"));
    }

    @Test
    void chatFieldsResponsesSharesAreCarriedOver() {
        ObjectNode chat = fixture("openai-chat/request.basic.json").put("service_tier", "flex")
                .put("prompt_cache_key", "k1");

        ObjectNode written = fromChat(chat, new HashSet<>());

        assertThat(written.path("service_tier").stringValue()).isEqualTo("flex");
        assertThat(written.path("prompt_cache_key").stringValue()).isEqualTo("k1");
    }

    @Test
    void geminiFunctionDeclarationsBecomeFunctionTools() {
        ObjectNode gemini = fixture("gemini/request.tools.json");

        ObjectNode written = ResponsesRequestMapper.fromCanonical(GeminiRequestMapper.toCanonical(gemini,
                "gemini-2.5-flash", false), new HashSet<>());

        assertThat(written.get("tools")).isNotEmpty().allSatisfy(t -> {
            assertThat(t.path("type").stringValue()).isEqualTo("function");
            assertThat(t.path("parameters").isObject()).isTrue();
        });
    }
}
