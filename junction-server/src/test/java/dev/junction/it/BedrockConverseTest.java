package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the SDK matrix does not show about Bedrock: the signature the mock verifies covers the percent-encoded
 * inference-profile id as sent, a wrong secret is refused as Bedrock refuses it (and the client learns nothing of the
 * credentials), a Bedrock API key travels as a bearer token, and throttling mid-stream reaches the client as a rate
 * limit.
 */
class BedrockConverseTest {

    private static final String PROFILE = "us.anthropic.claude-sonnet-4-20250514-v1:0";
    private static MockUpstream upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers:
                  signed: {dialect: bedrock-converse, base_url: %s, platform: {type: bedrock, region: us-east-1,
                           access_key_id: %s, secret_access_key: "%s", session_token: "session-token-0123456789"}}
                  wrong: {dialect: bedrock-converse, base_url: %s, platform: {type: bedrock, region: us-east-1,
                          access_key_id: %s, secret_access_key: "not-the-secret-0123456789"}}
                  keyed: {dialect: bedrock-converse, base_url: %s, platform: {type: bedrock, region: eu-west-1}}
                routes:
                  signed: {steps: [{provider: signed, model: "%s"}]}
                  wrong: {steps: [{provider: wrong, model: "%s"}]}
                  keyed: {steps: [{provider: keyed, model: "amazon.nova-lite-v1:0"}]}
                """.formatted(Gateway.KEY, upstream.bedrockBaseUrl(), MockUpstream.AWS_ACCESS_KEY_ID,
                MockUpstream.AWS_SECRET_ACCESS_KEY, upstream.bedrockBaseUrl(), MockUpstream.AWS_ACCESS_KEY_ID,
                upstream.bedrockBaseUrl(), PROFILE, PROFILE), Map.of("AWS_BEARER_TOKEN_BEDROCK",
                MockUpstream.BEDROCK_API_KEY));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
        gateway.server().health().resetAll();
    }

    private static java.util.List<String> header(RecordedRequest request, String name) {
        return request.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    private static HttpResponse<String> chat(String model, boolean stream) {
        return gateway.post("/v1/chat/completions", """
                {"model": "%s", "stream": %s, "messages": [{"role": "user", "content": "hello"}]}
                """.formatted(model, stream));
    }

    @Test
    void theSignatureCoversTheEncodedProfileIdAndTheSessionToken() {
        upstream.setDefault(Behavior.reply("Hi from Bedrock"));

        HttpResponse<String> response = chat("signed", false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(response.body()).path("choices").get(0).path("message").path("content")
                .asString()).isEqualTo("Hi from Bedrock");
        RecordedRequest received = upstream.lastRequest().orElseThrow();
        assertThat(received.path()).isEqualTo("/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse");
        assertThat(header(received, "x-amz-security-token")).containsExactly("session-token-0123456789");
        assertThat(header(received, "authorization").getFirst())
                .contains("Credential=" + MockUpstream.AWS_ACCESS_KEY_ID + "/")
                .contains("/us-east-1/bedrock/aws4_request")
                .contains("x-amz-security-token");
        assertThat(received.json().path("messages").get(0).path("content").get(0).path("text").asString())
                .isEqualTo("hello");
    }

    @Test
    void aWrongSecretIsRefusedAsBedrockDoesWithoutRevealingIt() {
        HttpResponse<String> response = chat("wrong", false);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("InvalidSignatureException").doesNotContain("not-the-secret");
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void aBedrockApiKeyTravelsAsABearerToken() {
        upstream.setDefault(Behavior.reply("keyed answer"));

        HttpResponse<String> response = chat("keyed", false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(header(upstream.lastRequest().orElseThrow(), "authorization"))
                .containsExactly("Bearer " + MockUpstream.BEDROCK_API_KEY);
    }

    @Test
    void throttlingMidStreamReachesTheClientAsARateLimit() {
        upstream.setDefault(Behavior.reply("one two three four five six").errorAfterEvents(3));

        HttpResponse<String> response = chat("signed", true);

        assertThat(response.statusCode()).isEqualTo(200);
        SseFrames frames = SseFrames.parse(response.body());
        JsonNode error = frames.last().json().path("error");
        assertThat(error.path("message").asString()).isEqualTo("Too many tokens, please wait before trying again.");
        assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(response.body()).doesNotContain("[DONE]");
    }

    @Test
    void throttlingAtTheHeadIsARateLimitThatMayFailOver() {
        upstream.setDefault(Behavior.status(429));

        HttpResponse<String> response = chat("signed", false);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).contains("Too many requests");
    }

    @Test
    void theOpenAiSdkStreamsFromBedrockWithUsage() {
        upstream.setDefault(Behavior.reply("streamed from bedrock"));
        StringBuilder text = new StringBuilder();
        long[] usage = {0};
        try (StreamResponse<ChatCompletionChunk> stream = gateway.sdk().chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("signed").addUserMessage("hi")
                        .streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
                                .includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(u -> usage[0] = u.completionTokens());
            });
        }
        assertThat(text.toString()).isEqualTo("streamed from bedrock");
        assertThat(usage[0]).isEqualTo(3);
        assertThat(upstream.lastRequest().orElseThrow().path()).endsWith("/converse-stream");
    }
}
