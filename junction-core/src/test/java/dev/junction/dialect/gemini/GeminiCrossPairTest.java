package dev.junction.dialect.gemini;

import static dev.junction.dialect.gemini.GeminiFixtures.gemini;
import static dev.junction.dialect.gemini.GeminiFixtures.normalized;
import static dev.junction.dialect.gemini.GeminiFixtures.openai;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.dialect.openai.OpenAiResponseMapper;
import dev.junction.json.Json;
import dev.junction.model.ThoughtSignature;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same conversation ("weather in Paris and Tokyo") in both dialects: OpenAI requests translated for Gemini must
 * match the Gemini fixtures' structure, Gemini responses translated for OpenAI clients the OpenAI fixtures'
 * meaning. The fixtures name the tool differently ({@code get_current_weather} / {@code get_weather}) and OpenAI's
 * schema is JSON Schema where Gemini's is OpenAPI, so names and schemas are compared with that in mind.
 */
class GeminiCrossPairTest {

    @Test
    void openAiToolsRequestHasTheGeminiFixturesContentsToolConfigAndDeclaration() {
        Set<String> dropped = new HashSet<>();

        ObjectNode body = GeminiRequestMapper.fromCanonical(OpenAiRequestMapper.toCanonical(
                openai("request.tools.json")), dropped);

        ObjectNode expected = gemini("request.tools.json");
        assertThat(body.get("contents")).isEqualTo(expected.get("contents"));
        assertThat(body.get("toolConfig")).isEqualTo(expected.get("toolConfig"));
        JsonNode declaration = body.at("/tools/0/functionDeclarations/0");
        JsonNode expectedDeclaration = expected.at("/tools/0/functionDeclarations/0");
        assertThat(declaration.get("name").asString()).isEqualTo("get_current_weather");
        assertThat(declaration.get("description")).isEqualTo(expectedDeclaration.get("description"));
        assertThat(declaration.get("parametersJsonSchema")).isEqualTo(
                openai("request.tools.json").at("/tools/0/function/parameters"));
        assertThat(dropped).isEmpty();
    }

    @Test
    void openAiToolResultRequestHasTheGeminiFixturesTurnsArgsAndResponses() {
        ObjectNode body = GeminiRequestMapper.fromCanonical(OpenAiRequestMapper.toCanonical(
                openai("request.tool-result.json")), new HashSet<>());

        ObjectNode expected = gemini("request.tool-result.json");
        JsonNode contents = body.get("contents");
        JsonNode expectedContents = expected.get("contents");
        assertThat(contents).hasSize(expectedContents.size());
        for (int i = 0; i < contents.size(); i++) {
            assertThat(contents.get(i).get("role")).isEqualTo(expectedContents.get(i).get("role"));
            assertThat(contents.get(i).get("parts")).hasSize(expectedContents.get(i).get("parts").size());
        }
        assertThat(contents.get(0)).isEqualTo(expectedContents.get(0));
        for (int j = 0; j < 2; j++) {
            JsonNode call = contents.at("/1/parts/" + j + "/functionCall");
            assertThat(call.get("name").asString()).isEqualTo("get_current_weather");
            assertThat(call.get("args")).isEqualTo(expectedContents.at("/1/parts/" + j + "/functionCall/args"));
            JsonNode response = contents.at("/2/parts/" + j + "/functionResponse");
            assertThat(response.get("name").asString()).isEqualTo("get_current_weather");
            // The fixture's client wrapped the object in "output"; an OpenAI JSON-object result is sent as the object.
            assertThat(normalized(response.get("response"))).isEqualTo(normalized(
                    expectedContents.at("/2/parts/" + j + "/functionResponse/response/output")));
        }
        assertThat(contents.at("/1/parts/0").has("thoughtSignature")).isFalse();
    }

    @Test
    void geminiToolCallsReachAnOpenAiClientAsToolCallsWithTheFixturesArguments() {
        ObjectNode body = OpenAiResponseMapper.fromCanonical(GeminiResponseMapper.toCanonical(
                gemini("response.tools.json")));

        JsonNode choice = body.at("/choices/0");
        JsonNode expected = openai("response.tools.json").at("/choices/0");
        assertThat(choice.get("finish_reason")).isEqualTo(expected.get("finish_reason"));
        JsonNode calls = choice.at("/message/tool_calls");
        assertThat(calls).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(calls.get(i).at("/function/name").asString()).isEqualTo("get_weather");
            assertThat(calls.get(i).at("/function/arguments"))
                    .isEqualTo(expected.at("/message/tool_calls/" + i + "/function/arguments"));
            var id = ThoughtSignature.splitId(calls.get(i).get("id").asString());
            assertThat(id.getKey()).matches("call_[A-Za-z0-9]{24}");
            // Gemini signs the first call of a turn; an OpenAI client keeps that signature only in the id.
            assertThat(id.getValue().isPresent()).isEqualTo(i == 0);
        }
    }

    @Test
    void geminiUsageIsInclusiveForOpenAiClients() {
        JsonNode usage = OpenAiResponseMapper.fromCanonical(GeminiResponseMapper.toCanonical(
                gemini("response.tools.json"))).get("usage");

        // §11.3: prompt = promptTokenCount; completion = candidates + thoughts; total = totalTokenCount.
        assertThat(usage.get("prompt_tokens").asLong()).isEqualTo(83);
        assertThat(usage.get("completion_tokens").asLong()).isEqualTo(28 + 104);
        assertThat(usage.get("total_tokens").asLong()).isEqualTo(215);
        assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(104);
    }

    @Test
    void geminiBasicResponseReachesAnOpenAiClientLikeTheOpenAiFixture() {
        ObjectNode body = OpenAiResponseMapper.fromCanonical(GeminiResponseMapper.toCanonical(
                gemini("response.basic.json")));

        JsonNode expected = openai("response.basic.json");
        assertThat(body.at("/choices/0/finish_reason")).isEqualTo(expected.at("/choices/0/finish_reason"));
        assertThat(body.at("/choices/0/message/content").asString()).startsWith("AI works by training");
        assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo(17);
        assertThat(body.at("/usage/completion_tokens").asLong()).isEqualTo(27);
        assertThat(body.at("/usage/total_tokens").asLong()).isEqualTo(44);
        assertThat(body.get("model").asString()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void geminiThoughtsCountAsReasoningCompletionTokens() {
        JsonNode usage = OpenAiResponseMapper.fromCanonical(GeminiResponseMapper.toCanonical(
                gemini("response.thinking.json"))).get("usage");

        assertThat(usage.get("completion_tokens").asLong()).isEqualTo(41 + 732);
        assertThat(usage.get("total_tokens").asLong()).isEqualTo(791);
        assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(732);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"response.finish-safety.json", "response.prompt-blocked.json"})
    void blockedGeminiAnswersReachOpenAiClientsAsContentFilter(String fixture) {
        ObjectNode body = OpenAiResponseMapper.fromCanonical(GeminiResponseMapper.toCanonical(gemini(fixture)));

        assertThat(body.get("choices")).hasSize(1);
        assertThat(body.at("/choices/0/finish_reason").asString()).isEqualTo("content_filter");
        assertThat(body.at("/choices/0/message/content").isNull()).isTrue();
    }

    @Test
    void anOpenAiResponseReachesAGeminiClientWithExclusiveCandidateCounts() {
        ObjectNode body = GeminiResponseMapper.fromCanonical(OpenAiResponseMapper.toCanonical(
                openai("response.tools.json")));

        assertThat(body.at("/candidates/0/finishReason").asString()).isEqualTo("STOP");
        assertThat(body.at("/candidates/0/content/parts/1/functionCall/args"))
                .isEqualTo(Json.tryParse("{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}").orElseThrow());
        assertThat(body.at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(82);
        assertThat(body.at("/usageMetadata/candidatesTokenCount").asLong()).isEqualTo(51);
        assertThat(body.at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(133);
    }
}
