package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client whose upstream speaks its own dialect: the request reaches the upstream as the client wrote it (only the
 * model is replaced), the Anthropic client's version and beta headers travel with it, and the upstream sees the
 * gateway's provider key in its dialect's header, never the client's gateway key.
 */
class SameDialectFastPathTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    private static final String BETA = "prompt-caching-2024-07-31,interleaved-thinking-2025-05-14";

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static HttpResponse<String> messages(String body) {
        return ENV.gateway().post("/v1/messages", body, "x-api-key", Gateway.KEY,
                "anthropic-version", "2023-06-01", "anthropic-beta", BETA);
    }

    /** A first turn whose reply thinks, so that the second turn can replay a thinking block the mock signed. */
    private static JsonNode signedThinkingBlock() {
        ENV.upstream().enqueue(Behavior.reply("Four.").withThinking("Two plus two is four."));
        JsonNode reply = json(messages("""
                {"model":"to-anthropic","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},
                 "messages":[{"role":"user","content":"What is 2+2?"}]}"""));
        JsonNode thinking = reply.path("content").get(0);
        assertThat(thinking.path("type").asString()).isEqualTo("thinking");
        assertThat(thinking.path("signature").asString()).isNotBlank();
        return thinking;
    }

    /** A second turn with cache_control everywhere Anthropic allows it, and the signed thinking block replayed. */
    private static ObjectNode secondTurn(JsonNode thinking) {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree("""
                {"model":"to-anthropic","max_tokens":2048,"temperature":1,"top_k":40,
                 "thinking":{"type":"enabled","budget_tokens":1024},
                 "metadata":{"user_id":"user-42"},
                 "system":[{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}}],
                 "tools":[{"name":"calc","description":"Adds","input_schema":{"type":"object"},
                           "cache_control":{"type":"ephemeral","ttl":"1h"}}],
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"What is 2+2?",
                                             "cache_control":{"type":"ephemeral"}}]},
                   {"role":"assistant","content":[THINKING,{"type":"text","text":"Four."}]},
                   {"role":"user","content":"And 3+3?"}]}""".replace("THINKING", Json.write(thinking)));
        return body;
    }

    @Test
    void anthropicRequestReachesAnAnthropicUpstreamUnchangedButForTheModel() {
        ObjectNode sent = secondTurn(signedThinkingBlock());

        json(messages(Json.write(sent)));

        ObjectNode expected = sent.deepCopy();
        expected.put("model", "claude-sonnet-4-5");
        assertThat(ENV.last().json()).isEqualTo(expected);
    }

    @Test
    void compactAnthropicRequestReachesAnAnthropicUpstreamByteForByteButForTheModel() {
        String sent = Json.write(secondTurn(signedThinkingBlock()));

        json(messages(sent));

        assertThat(ENV.last().body()).isEqualTo(sent.replace("\"model\":\"to-anthropic\"",
                "\"model\":\"claude-sonnet-4-5\""));
    }

    @Test
    void anthropicVersionAndBetaHeadersReachAnAnthropicUpstream() {
        json(ENV.gateway().post("/v1/messages", """
                {"model":"to-anthropic","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""",
                "x-api-key", Gateway.KEY, "anthropic-version", "2023-01-01", "anthropic-beta", BETA));

        RecordedRequest request = ENV.last();
        assertThat(request.header("anthropic-version")).contains("2023-01-01");
        assertThat(request.header("anthropic-beta")).contains(BETA);
    }

    @Test
    void anthropicUpstreamSeesTheProviderKeyInXApiKeyAndNeverTheGatewayKey() {
        json(ENV.gateway().post("/v1/messages", """
                {"model":"to-anthropic","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""",
                "authorization", "Bearer " + Gateway.KEY, "anthropic-version", "2023-06-01"));

        RecordedRequest request = ENV.last();
        assertThat(request.header("x-api-key")).contains("sk-ant-upstream-0123456789");
        assertThat(request.header("authorization")).isEmpty();
        assertThat(request.headers().toString()).doesNotContain(Gateway.KEY);
    }

    @Test
    void anthropicBetaHeaderDoesNotReachAnUpstreamOfAnotherDialect() {
        json(ENV.gateway().post("/v1/messages", """
                {"model":"to-gemini","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""",
                "x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01", "anthropic-beta", BETA));

        assertThat(ENV.last().header("anthropic-beta")).isEmpty();
        assertThat(ENV.last().header("anthropic-version")).isEmpty();
    }

    @Test
    void geminiRequestReachesAGeminiUpstreamUnchanged() {
        String sent = """
                {"contents":[{"role":"user","parts":[{"text":"Weather in Paris?"}]}],
                 "systemInstruction":{"parts":[{"text":"Be brief."}]},
                 "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Weather",
                           "parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}}}}]}],
                 "toolConfig":{"functionCallingConfig":{"mode":"AUTO"}},
                 "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_ONLY_HIGH"}],
                 "generationConfig":{"temperature":0.3,"topK":20,"candidateCount":1,"seed":7,
                                     "stopSequences":["END"],"thinkingConfig":{"thinkingBudget":512}}}""";

        json(ENV.gateway().post("/v1beta/models/to-gemini:generateContent?key=" + Gateway.KEY, sent, "x-none", "1"));

        RecordedRequest request = ENV.last();
        assertThat(request.json()).isEqualTo(Json.MAPPER.readTree(sent));
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    }

    @Test
    void geminiUpstreamSeesTheProviderKeyInXGoogApiKeyAndNeverTheGatewayKey() {
        json(ENV.gateway().post("/v1beta/models/to-gemini:generateContent?key=" + Gateway.KEY, """
                {"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""", "x-none", "1"));

        RecordedRequest request = ENV.last();
        assertThat(request.header("x-goog-api-key")).contains("AIza-upstream-0123456789");
        assertThat(request.path()).doesNotContain("key=");
        assertThat(request.headers().toString()).doesNotContain(Gateway.KEY);
    }

    @Test
    void openAiUpstreamSeesTheProviderKeyAsABearerTokenAndNeverTheGatewayKey() {
        json(ENV.gateway().post("/v1/chat/completions", """
                {"model":"to-openai","messages":[{"role":"user","content":"hi"}]}""", "x-api-key", Gateway.KEY));

        RecordedRequest request = ENV.last();
        assertThat(request.header("authorization")).contains("Bearer sk-upstream-openai-0123456789");
        assertThat(request.header("x-api-key")).isEmpty();
        assertThat(request.headers().toString()).doesNotContain(Gateway.KEY);
    }

    @Test
    void everyUpstreamDialectSeesOnlyItsOwnProviderKey() {
        for (String model : List.of("to-openai", "to-anthropic", "to-gemini")) {
            json(ClientWire.ANTHROPIC.chat(ENV.gateway(), model, "hi", false));
        }

        List<RecordedRequest> requests = ENV.upstream().requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).header("authorization")).contains("Bearer sk-upstream-openai-0123456789");
        assertThat(requests.get(1).header("x-api-key")).contains("sk-ant-upstream-0123456789");
        assertThat(requests.get(2).header("x-goog-api-key")).contains("AIza-upstream-0123456789");
        assertThat(requests).allSatisfy(r -> assertThat(r.headers().toString()).doesNotContain(Gateway.KEY));
    }
}
