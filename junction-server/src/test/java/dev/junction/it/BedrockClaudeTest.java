package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlockParam;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Claude on Bedrock through InvokeModel (an {@code anthropic} provider on the {@code bedrock} platform): the Anthropic
 * SDK's request reaches the mock, which verifies the SigV4 signature and the InvokeModel body, with its thinking,
 * {@code cache_control} and betas intact, streaming (chunk frames) and not; the OpenAI SDK reaches the same model
 * through the canonical path; throttling at the head and mid-stream is a rate limit in the client's dialect.
 */
class BedrockClaudeTest {

    private static final String PROFILE = "us.anthropic.claude-sonnet-4-20250514-v1:0";
    private static final String BETAS = "interleaved-thinking-2025-05-14,context-1m-2025-08-07";
    private static MockUpstream upstream;
    private static Gateway gateway;
    private static AnthropicClient anthropic;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers:
                  claude-aws: {dialect: anthropic, base_url: %s, platform: {type: bedrock, region: us-west-2,
                               access_key_id: %s, secret_access_key: "%s"}}
                routes:
                  claude: {steps: [{provider: claude-aws, model: "%s"}]}
                """.formatted(Gateway.KEY, upstream.bedrockBaseUrl(), MockUpstream.AWS_ACCESS_KEY_ID,
                MockUpstream.AWS_SECRET_ACCESS_KEY, PROFILE), Map.of("ANTHROPIC_API_KEY", "sk-ant-never-sent-0123"));
        anthropic = Sdks.anthropic(gateway);
    }

    @AfterAll
    static void stop() {
        anthropic.close();
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
        gateway.server().health().resetAll();
    }

    private static RecordedRequest received() {
        return upstream.lastRequest().orElseThrow();
    }

    private static List<String> header(RecordedRequest request, String name) {
        return request.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    private static MessageCreateParams.Builder firstTurn() {
        return MessageCreateParams.builder().model("claude").maxTokens(2048).enabledThinking(1024)
                .systemOfTextBlockParams(List.of(TextBlockParam.builder().text("You are terse.")
                        .cacheControl(CacheControlEphemeral.builder().build()).build()))
                .addUserMessage("What is 2+2?").putAdditionalHeader("anthropic-beta", BETAS);
    }

    private static void assertSignedInvokeBody(RecordedRequest request, String operation) {
        assertThat(request.path()).isEqualTo("/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/" + operation);
        assertThat(header(request, "authorization").getFirst())
                .startsWith("AWS4-HMAC-SHA256 Credential=" + MockUpstream.AWS_ACCESS_KEY_ID + "/")
                .contains("/us-west-2/bedrock/aws4_request");
        assertThat(header(request, "anthropic-beta")).isEmpty();
        assertThat(header(request, "x-api-key")).isEmpty();
        JsonNode body = request.json();
        assertThat(body.has("model")).isFalse();
        assertThat(body.has("stream")).isFalse();
        assertThat(body.path("anthropic_version").asString()).isEqualTo("bedrock-2023-05-31");
        assertThat(body.path("anthropic_beta")).isEqualTo(Json.MAPPER.readTree(
                "[\"interleaved-thinking-2025-05-14\", \"context-1m-2025-08-07\"]"));
        assertThat(body.path("thinking")).isEqualTo(Json.MAPPER.readTree(
                "{\"type\": \"enabled\", \"budget_tokens\": 1024}"));
        assertThat(body.path("system").get(0).path("cache_control").path("type").asString()).isEqualTo("ephemeral");
    }

    @Test
    void theAnthropicSdkKeepsThinkingCacheControlAndBetasStreamingAndNot() {
        upstream.enqueue(Behavior.reply("Four.").withThinking("Two plus two is four."));
        upstream.enqueue(Behavior.reply("Six, surely.").withThinking("Three plus three."));

        Message first = anthropic.messages().create(firstTurn().build());

        assertSignedInvokeBody(received(), "invoke");
        var thinking = first.content().getFirst().thinking().orElseThrow();
        assertThat(thinking.thinking()).isEqualTo("Two plus two is four.");
        assertThat(thinking.signature()).isNotBlank();
        assertThat(first.content().get(1).text().orElseThrow().text()).isEqualTo("Four.");

        // The mock refuses a replayed thinking block whose signature it did not issue, as Bedrock does.
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = anthropic.messages().createStreaming(
                firstTurn().addMessage(first.toParam()).addUserMessage("And 3+3?").build())) {
            events.stream().forEach(accumulator::accumulate);
        }
        Message second = accumulator.message();

        RecordedRequest streamed = received();
        assertSignedInvokeBody(streamed, "invoke-with-response-stream");
        JsonNode replayed = streamed.json().path("messages").get(1).path("content").get(0);
        assertThat(replayed.path("type").asString()).isEqualTo("thinking");
        assertThat(replayed.path("signature").asString()).isEqualTo(thinking.signature());
        assertThat(second.content().getFirst().thinking().orElseThrow().thinking()).isEqualTo("Three plus three.");
        assertThat(second.content().get(1).text().orElseThrow().text()).isEqualTo("Six, surely.");
        assertThat(second.usage().outputTokens()).isPositive();
    }

    @Test
    void theOpenAiSdkReachesClaudeOnBedrockThroughTheCanonicalPath() {
        upstream.enqueue(Behavior.reply("Hello from Claude on Bedrock"));
        upstream.enqueue(Behavior.reply("streamed from Claude"));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("claude")
                .addSystemMessage("Be kind.").addUserMessage("hi").build();

        ChatCompletion completion = gateway.sdk().chat().completions().create(params);

        assertThat(completion.choices().getFirst().message().content()).contains("Hello from Claude on Bedrock");
        JsonNode body = received().json();
        assertThat(received().path()).endsWith("/invoke");
        assertThat(body.has("model")).isFalse();
        assertThat(body.path("anthropic_version").asString()).isEqualTo("bedrock-2023-05-31");
        assertThat(body.path("max_tokens").isIntegralNumber()).isTrue();
        assertThat(body.toString()).contains("Be kind.");

        StringBuilder text = new StringBuilder();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
                     gateway.sdk().chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }
        assertThat(text.toString()).isEqualTo("streamed from Claude");
        assertThat(received().path()).endsWith("/invoke-with-response-stream");
        assertThat(received().json().has("stream")).isFalse();
    }

    @Test
    void throttlingMidStreamIsAnthropicsRateLimitErrorEvent() {
        upstream.setDefault(Behavior.reply("one two three four five six").errorAfterEvents(4));

        HttpResponse<String> response = gateway.post("/v1/messages", """
                {"model": "claude", "max_tokens": 64, "stream": true, "messages": [{"role": "user", "content": "hi"}]}
                """, "x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(200);
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.last().event()).contains("error");
        JsonNode error = frames.last().json().path("error");
        assertThat(error.path("type").asString()).isEqualTo("rate_limit_error");
        assertThat(error.path("message").asString()).isEqualTo("Too many tokens, please wait before trying again.");
    }

    @Test
    void throttlingMidStreamReachesAnOpenAiClientAsARateLimit() {
        upstream.setDefault(Behavior.reply("one two three four five six").errorAfterEvents(4));

        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "claude", "stream": true, "messages": [{"role": "user", "content": "hi"}]}
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode error = SseFrames.parse(response.body()).last().json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(response.body()).doesNotContain("[DONE]");
    }

    @Test
    void throttlingAtTheHeadRaisesTheAnthropicSdksRateLimitError() {
        upstream.setDefault(Behavior.status(429));

        assertThatThrownBy(() -> anthropic.messages().create(firstTurn().build()))
                .isInstanceOf(RateLimitException.class);
        assertThat(received().path()).endsWith("/invoke");
    }
}
