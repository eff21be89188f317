package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import dev.junction.testkit.TestServiceAccount;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One route over two clouds: Claude on AWS Bedrock first, Gemini on Vertex AI behind it. When Bedrock throttles
 * (its {@code ThrottlingException}, a 429), the OpenAI SDK's request is answered by Vertex in the same call, complete
 * or streamed, each cloud signed or authorised its own way, and Bedrock rests while Vertex serves.
 */
class CrossCloudFailoverTest {

    private static final String CLAUDE = "anthropic.claude-sonnet-4-20250514-v1:0";

    @TempDir
    Path temp;

    private MockUpstream upstream;
    private Gateway gateway;

    @BeforeEach
    void start() {
        upstream = MockUpstream.start();
        TestServiceAccount account = TestServiceAccount.create(upstream, temp);
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers:
                  bedrock: {dialect: bedrock-converse, base_url: %s, platform: {type: bedrock, region: us-east-1,
                            access_key_id: %s, secret_access_key: "%s"}}
                  vertex: {dialect: gemini, platform: {type: vertex, project: mock-project, location: europe-west1,
                           credentials_file: '%s', base_url: %s}}
                routes:
                  assistant:
                    groups:
                      - deployments: [{provider: bedrock, model: "%s"}]
                      - deployments: [{provider: vertex, model: gemini-2.5-flash}]
                """.formatted(Gateway.KEY, upstream.bedrockBaseUrl(), MockUpstream.AWS_ACCESS_KEY_ID,
                MockUpstream.AWS_SECRET_ACCESS_KEY, account.file(), upstream.rootUrl(), CLAUDE), Map.of());
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private static ChatCompletionCreateParams ask(String text) {
        return ChatCompletionCreateParams.builder().model("assistant").addUserMessage(text).build();
    }

    @Test
    void bedrockThrottlingIsAnsweredByVertexInTheSameCall() {
        upstream.enqueue(Behavior.status(429));
        upstream.setDefault(Behavior.reply("Hello from Gemini on Vertex"));

        ChatCompletion completion = gateway.sdk().chat().completions().create(ask("hello"));

        assertThat(completion.choices().getFirst().message().content()).contains("Hello from Gemini on Vertex");
        assertThat(upstream.requests()).hasSize(2);
        RecordedRequest bedrock = upstream.requests().get(0);
        RecordedRequest vertex = upstream.requests().get(1);
        assertThat(bedrock.path()).contains("/model/").endsWith("/converse");
        assertThat(bedrock.header("authorization").orElseThrow()).startsWith("AWS4-HMAC-SHA256 Credential="
                + MockUpstream.AWS_ACCESS_KEY_ID);
        assertThat(vertex.path()).isEqualTo("/v1/projects/mock-project/locations/europe-west1/publishers/google"
                + "/models/gemini-2.5-flash:generateContent");
        assertThat(vertex.header("authorization").orElseThrow()).startsWith("Bearer ya29.");
        assertThat(vertex.json().path("contents").get(0).path("parts").get(0).path("text").asString())
                .isEqualTo("hello");
    }

    @Test
    void aThrottledBedrockRestsWhileVertexServesTheNextRequests() {
        upstream.enqueue(Behavior.status(429).withHeader("retry-after", "60"));
        upstream.setDefault(Behavior.reply("from Vertex"));

        for (int i = 0; i < 3; i++) {
            gateway.sdk().chat().completions().create(ask("question " + i));
        }

        assertThat(upstream.requests()).hasSize(4);
        assertThat(upstream.requests().subList(1, 4)).allSatisfy(r -> assertThat(r.path()).contains(":generateContent"));
    }

    @Test
    void aStreamFailsOverBeforeItsFirstByteAndArrivesWhole() {
        upstream.enqueue(Behavior.status(429));
        upstream.setDefault(Behavior.reply("streamed from Vertex across clouds"));

        String text;
        try (StreamResponse<ChatCompletionChunk> stream = gateway.sdk().chat().completions()
                .createStreaming(ask("stream please"))) {
            text = stream.stream().flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse("")).collect(Collectors.joining());
        }

        assertThat(text).isEqualTo("streamed from Vertex across clouds");
        assertThat(upstream.requests()).hasSize(2);
        assertThat(upstream.requests().get(1).path()).endsWith(":streamGenerateContent?alt=sse");
    }
}
