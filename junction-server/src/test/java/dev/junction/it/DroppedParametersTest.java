package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Parameters an upstream of another dialect cannot express: dropped silently from the upstream request but named in
 * {@code X-Junction-Dropped} when they are mere sampling hints, refused with a 400 in the caller's shape when dropping
 * them would change the answer.
 */
class DroppedParametersTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    private static List<String> dropped(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("x-junction-dropped").map(h -> Arrays.asList(h.split(",")))
                .orElse(List.of());
    }

    private static HttpResponse<String> anthropic(String body) {
        return ENV.gateway().post("/v1/messages", body, "x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01");
    }

    private static HttpResponse<String> openAi(String body) {
        return ENV.gateway().post("/v1/chat/completions", body, "authorization", "Bearer " + Gateway.KEY);
    }

    @Test
    void anthropicTopKIsDroppedAndNamedForAnOpenAiUpstream() {
        List<String> dropped = dropped(anthropic("""
                {"model":"to-openai","max_tokens":64,"top_k":5,"messages":[{"role":"user","content":"hi"}]}"""));

        assertThat(dropped).containsExactly("top_k");
        assertThat(ENV.last().json().has("top_k")).isFalse();
    }

    @Test
    void anthropicTopKReachesAGeminiUpstreamAsTopK() {
        List<String> dropped = dropped(anthropic("""
                {"model":"to-gemini","max_tokens":64,"top_k":5,"messages":[{"role":"user","content":"hi"}]}"""));

        assertThat(dropped).isEmpty();
        assertThat(ENV.last().json().at("/generationConfig/topK").asInt()).isEqualTo(5);
    }

    @Test
    void openAiSeedIsDroppedAndNamedForAnAnthropicUpstream() {
        List<String> dropped = dropped(openAi("""
                {"model":"to-anthropic","seed":42,"messages":[{"role":"user","content":"hi"}]}"""));

        assertThat(dropped).containsExactly("seed");
        assertThat(ENV.last().json().has("seed")).isFalse();
    }

    @Test
    void openAiPenaltiesAreDroppedAndNamedForAnAnthropicUpstream() {
        List<String> dropped = dropped(openAi("""
                {"model":"to-anthropic","presence_penalty":0.5,"frequency_penalty":0.5,
                 "messages":[{"role":"user","content":"hi"}]}"""));

        assertThat(dropped).containsExactlyInAnyOrder("presence_penalty", "frequency_penalty");
    }

    @Test
    void moreThanFiveStopSequencesAreCutToFiveAndNamedForAGeminiUpstream() {
        List<String> dropped = dropped(openAi("""
                {"model":"to-gemini","stop":["a","b","c","d","e","f"],
                 "messages":[{"role":"user","content":"hi"}]}"""));

        assertThat(dropped).containsExactly("stop");
        JsonNode stop = ENV.last().json().at("/generationConfig/stopSequences");
        assertThat(stop).isEqualTo(Json.MAPPER.readTree("[\"a\",\"b\",\"c\",\"d\",\"e\"]"));
    }

    @Test
    void anthropicStopSequencesBeyondFiveAreNamedForAGeminiUpstream() {
        List<String> dropped = dropped(anthropic("""
                {"model":"to-gemini","max_tokens":64,"stop_sequences":["a","b","c","d","e","f"],
                 "messages":[{"role":"user","content":"hi"}]}"""));

        assertThat(dropped).containsExactly("stop_sequences"); // the client's own name for the field
        assertThat(ENV.last().json().at("/generationConfig/stopSequences").size()).isEqualTo(5);
    }

    @Test
    void droppedParametersAreNamedOnAStreamToo() {
        HttpResponse<String> response = anthropic("""
                {"model":"to-openai","max_tokens":64,"stream":true,"top_k":5,
                 "messages":[{"role":"user","content":"hi"}]}""");

        assertThat(dropped(response)).containsExactly("top_k");
        assertThat(SseFrames.parse(response.body()).events()).endsWith("message_stop");
    }

    @Test
    void geminiTopKIsDroppedAndNamedForAnOpenAiUpstream() {
        HttpResponse<String> response = ENV.gateway().post("/v1beta/models/to-openai:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"topK":5}}""",
                "x-goog-api-key", Gateway.KEY);

        assertThat(dropped(response)).containsExactly("generationConfig.topK"); // the client's own name
        assertThat(ENV.last().json().has("top_k")).isFalse();
    }

    @Test
    void nothingIsNamedWhenTheUpstreamSpeaksTheClientsDialect() {
        assertThat(dropped(anthropic("""
                {"model":"to-anthropic","max_tokens":64,"top_k":5,"messages":[{"role":"user","content":"hi"}]}""")))
                .isEmpty();
        assertThat(dropped(openAi("""
                {"model":"to-openai","seed":42,"messages":[{"role":"user","content":"hi"}]}"""))).isEmpty();
    }

    @Test
    void openAiClientAskingAnAnthropicUpstreamForTwoChoicesGetsA400NamingN() {
        HttpResponse<String> response = openAi("""
                {"model":"to-anthropic","n":2,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asString()).isEqualTo("n");
        assertThat(error.path("message").asString()).contains("n=2");
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @Test
    void geminiClientAskingAnAnthropicUpstreamForTwoCandidatesGetsInvalidArgument() {
        HttpResponse<String> response = ENV.gateway().post("/v1beta/models/to-anthropic:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"candidateCount":2}}""",
                "x-goog-api-key", Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("status").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @Test
    void openAiClientAskingAnAnthropicUpstreamForLogprobsGetsA400NamingLogprobs() {
        HttpResponse<String> response = openAi("""
                {"model":"to-anthropic","logprobs":true,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(response.body()).at("/error/param").asString()).isEqualTo("logprobs");
    }
}
