package dev.junction.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.anthropic.AnthropicRequestMapper;
import dev.junction.dialect.anthropic.AnthropicResponseMapper;
import dev.junction.dialect.anthropic.AnthropicStreamDecoder;
import dev.junction.dialect.gemini.GeminiRequestMapper;
import dev.junction.dialect.gemini.GeminiResponseMapper;
import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.StreamEvent;
import dev.junction.secret.Redactor;
import dev.junction.testing.TestFixtures;
import dev.junction.upstream.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Responses client keeps other providers' reasoning across turns: what it is shown as a reasoning item, replayed
 * on the next turn, reaches the provider that issued it byte-exact; OpenAI's own reasoning reaches OpenAI untouched
 * through a client of another dialect.
 */
class ResponsesReasoningContinuityTest {

    private static ObjectNode fixture(String path) {
        return Json.parseObject(TestFixtures.bytes("/fixtures/" + path));
    }

    /** The next request of a Responses client: its question, the answer's output items, a follow-up. */
    private static ObjectNode replay(JsonNode output, JsonNode... more) {
        ObjectNode body = Json.object().put("model", "claude-sonnet-4-5");
        ArrayNode input = body.putArray("input");
        input.addObject().put("role", "user").put("content", "Are there infinitely many primes 3 mod 4?");
        output.forEach(input::add);
        for (JsonNode item : more) {
            input.add(item);
        }
        return body;
    }

    private static ObjectNode followUp() {
        return Json.object().put("role", "user").put("content", "Why?");
    }

    private static JsonNode anthropicAssistantTurn(ObjectNode responsesRequest) {
        ChatRequest canonical = ResponsesRequestMapper.toCanonical(responsesRequest, ReasoningSeal.PLAIN);
        ObjectNode anthropic = AnthropicRequestMapper.fromCanonical(canonical, new HashSet<>());
        return anthropic.at("/messages/1/content");
    }

    @Test
    void anthropicThinkingComesBackByteExactAfterAResponsesClientReplaysIt() {
        ObjectNode answer = fixture("anthropic/response.thinking.json");
        ObjectNode shown = ResponsesResponseMapper.fromCanonical(AnthropicResponseMapper.toCanonical(answer),
                ResponsesEcho.defaults(), ReasoningSeal.PLAIN);

        assertThat(shown.at("/output/0/type").stringValue()).isEqualTo("reasoning");
        assertThat(shown.at("/output/0/summary/0/text").stringValue())
                .isEqualTo(answer.at("/content/0/thinking").stringValue());
        assertThat(shown.at("/output/0/encrypted_content").stringValue())
                .doesNotContain(answer.at("/content/0/signature").stringValue());
        assertThat(anthropicAssistantTurn(replay(shown.get("output"), followUp())).get(0))
                .isEqualTo(answer.at("/content/0"));
    }

    @Test
    void anthropicThinkingStreamedToAResponsesClientComesBackByteExact() {
        ObjectNode answer = fixture("anthropic/response.thinking.json");
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(Redactor.patternsOnly());
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(ResponsesEcho.defaults(), ReasoningSeal.PLAIN);
        for (SseEvent event : ResponsesFixtures.parseSse(Buffer.buffer(TestFixtures.bytes(
                "/fixtures/anthropic/response.thinking.stream.sse")))) {
            for (StreamEvent canonical : decoder.decode(event)) {
                encoder.encode(canonical);
            }
        }

        JsonNode output = encoder.completedResponse().orElseThrow().get("output");

        assertThat(anthropicAssistantTurn(replay(output, followUp())).get(0)).isEqualTo(answer.at("/content/0"));
    }

    @Test
    void redactedThinkingComesBackAsTheSameRedactedBlock() {
        ObjectNode answer = fixture("anthropic/response.thinking.json");
        ((ArrayNode) answer.get("content")).insert(0, Json.object().put("type", "redacted_thinking")
                .put("data", "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"));
        ObjectNode shown = ResponsesResponseMapper.fromCanonical(AnthropicResponseMapper.toCanonical(answer),
                ResponsesEcho.defaults(), ReasoningSeal.PLAIN);

        JsonNode turn = anthropicAssistantTurn(replay(shown.get("output"), followUp()));

        assertThat(shown.at("/output/0/summary")).isEmpty();
        assertThat(turn.get(0)).isEqualTo(answer.at("/content/0"));
        assertThat(turn.get(1)).isEqualTo(answer.at("/content/1"));
    }

    @Test
    void aGeminiSignatureOnAFunctionCallReturnsOnThatCall() {
        ObjectNode answer = fixture("gemini/response.tools.json");
        ObjectNode shown = ResponsesResponseMapper.fromCanonical(GeminiResponseMapper.toCanonical(answer),
                ResponsesEcho.defaults(), ReasoningSeal.PLAIN);
        JsonNode output = shown.get("output");
        List<ObjectNode> results = new java.util.ArrayList<>();
        for (JsonNode item : output) {
            if (item.path("type").asString("").equals("function_call")) {
                results.add(Json.object().put("type", "function_call_output")
                        .put("call_id", item.get("call_id").stringValue()).put("output", "{\"temperature\":20}"));
            }
        }

        ChatRequest next = ResponsesRequestMapper.toCanonical(replay(output, results.toArray(JsonNode[]::new)));
        ObjectNode gemini = GeminiRequestMapper.fromCanonical(next, new HashSet<>());

        JsonNode modelParts = gemini.at("/contents/1/parts");
        assertThat(modelParts.get(0).path("thoughtSignature").stringValue())
                .isEqualTo(answer.at("/candidates/0/content/parts/0/thoughtSignature").stringValue());
        assertThat(modelParts.get(0).at("/functionCall/name").stringValue()).isEqualTo("get_weather");
    }

    @Test
    void openAisReasoningReachesOpenAiUntouchedThroughAnAnthropicClient() {
        ObjectNode answer = ResponsesFixtures.json("response.reasoning.json");
        ObjectNode shownToAnthropic = AnthropicResponseMapper.fromCanonical(
                ResponsesResponseMapper.toCanonical(answer));
        ObjectNode anthropicNext = Json.object().put("model", "o3").put("max_tokens", 2048);
        ArrayNode messages = anthropicNext.putArray("messages");
        messages.addObject().put("role", "user").put("content", "How much wood?");
        messages.addObject().put("role", "assistant").set("content", shownToAnthropic.get("content"));
        messages.addObject().put("role", "user").put("content", "Really?");

        ObjectNode toOpenAi = ResponsesRequestMapper.fromCanonical(AnthropicRequestMapper.toCanonical(anthropicNext),
                new HashSet<>());

        JsonNode reasoning = toOpenAi.at("/input/1");
        assertThat(reasoning.path("type").stringValue()).isEqualTo("reasoning");
        assertThat(reasoning.path("id").stringValue()).isEqualTo(answer.at("/output/0/id").stringValue());
        assertThat(reasoning.path("encrypted_content").stringValue())
                .isEqualTo(answer.at("/output/0/encrypted_content").stringValue());
        assertThat(reasoning.get("summary")).isEqualTo(answer.at("/output/0/summary"));
    }

    @Test
    void reasoningOfOneProviderIsNotSentToAnother() {
        ObjectNode shown = ResponsesResponseMapper.fromCanonical(AnthropicResponseMapper.toCanonical(
                fixture("anthropic/response.thinking.json")), ResponsesEcho.defaults(), ReasoningSeal.PLAIN);
        ObjectNode openAiReasoning = ResponsesFixtures.json("response.reasoning.json");
        ChatRequest next = ResponsesRequestMapper.toCanonical(replay(shown.get("output"), followUp()));
        ChatRequest openAiNext = ResponsesRequestMapper.toCanonical(replay(openAiReasoning.get("output"),
                followUp()));

        ObjectNode toResponses = ResponsesRequestMapper.fromCanonical(next, new HashSet<>());
        ObjectNode toChat = OpenAiRequestMapper.fromCanonical(next, new HashSet<>());
        ObjectNode toAnthropic = AnthropicRequestMapper.fromCanonical(openAiNext, new HashSet<>());

        assertThat(toResponses.get("input")).noneMatch(i -> i.path("type").asString("").equals("reasoning"));
        assertThat(Json.write(toChat)).doesNotContain("Consider numbers of the form");
        assertThat(toAnthropic.at("/messages/1/content")).noneMatch(b -> b.path("type").asString("")
                .contains("thinking"));
    }
}
