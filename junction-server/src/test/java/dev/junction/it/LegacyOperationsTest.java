package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.moderations.ModerationCreateParams;
import com.openai.models.moderations.ModerationCreateResponse;
import com.openai.models.moderations.ModerationImageUrlInput;
import com.openai.models.moderations.ModerationMultiModalInput;
import com.openai.models.moderations.ModerationTextInput;
import dev.junction.testkit.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Moderations and legacy completions through the official OpenAI SDK, passed through to an OpenAI-compatible mock. */
class LegacyOperationsTest {

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension("""
            routes:
              guard:
                groups:
                  - deployments: [{provider: openai, model: omni-moderation-latest, operations: [moderations]}]
              instruct:
                groups:
                  - deployments: [{provider: openai, model: gpt-3.5-turbo-instruct, operations: [completions]}]
            """);

    @Test
    void aStringIsModeratedAndTheFlaggedCategoryComesBack() {
        ModerationCreateResponse response = ENV.gateway().sdk().moderations().create(ModerationCreateParams.builder()
                .model("guard").input("They plan to attack at dawn.").build());

        assertThat(response.results()).hasSize(1);
        assertThat(response.results().getFirst().flagged()).isTrue();
        assertThat(response.results().getFirst().categories().violence()).isTrue();
        assertThat(ENV.upstream().lastRequest().map(RecordedRequest::json).orElseThrow().path("model").asString())
                .isEqualTo("omni-moderation-latest");
    }

    @Test
    void anArrayOfStringsGetsOneResultEach() {
        ModerationCreateResponse response = ENV.gateway().sdk().moderations().create(ModerationCreateParams.builder()
                .model("guard").inputOfStrings(List.of("hello", "a kind word", "attack")).build());

        assertThat(response.results()).extracting(r -> r.flagged()).containsExactly(false, false, true);
    }

    @Test
    void textAndImagePartsReachTheUpstreamAsSent() {
        ENV.gateway().sdk().moderations().create(ModerationCreateParams.builder().model("guard")
                .inputOfModerationMultiModalArray(List.of(
                        ModerationMultiModalInput.ofText(ModerationTextInput.builder().text("look").build()),
                        ModerationMultiModalInput.ofImageUrl(ModerationImageUrlInput.builder().imageUrl(
                                ModerationImageUrlInput.ImageUrl.builder().url("https://example.com/a.png").build())
                                .build()))).build());

        JsonNode input = ENV.upstream().lastRequest().map(RecordedRequest::json).orElseThrow().path("input");
        assertThat(input.get(0).path("text").asString()).isEqualTo("look");
        assertThat(input.get(1).path("image_url").path("url").asString()).isEqualTo("https://example.com/a.png");
    }

    @Test
    void aModerationWithoutInputIsABadRequestNamingIt() {
        var response = ENV.gateway().post("/v1/moderations", "{\"model\": \"guard\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"param\":\"input\"");
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @Test
    void aCompletionComesBackWholeWithItsUsage() {
        Completion completion = ENV.gateway().sdk().completions().create(CompletionCreateParams.builder()
                .model("instruct").prompt("Once upon a time").maxTokens(20).build());

        assertThat(completion.choices().getFirst().text()).isEqualTo("Mock completion: Once upon a time");
        assertThat(completion.usage().orElseThrow().completionTokens()).isPositive();
        JsonNode sent = ENV.upstream().lastRequest().map(RecordedRequest::json).orElseThrow();
        assertThat(sent.path("model").asString()).isEqualTo("gpt-3.5-turbo-instruct");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(20);
        assertThat(sent.path("prompt").asString()).isEqualTo("Once upon a time");
    }

    @Test
    void aStreamedCompletionPassesThroughAndTheUsageItAskedForIsKeptFromTheClient() {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<Completion> stream = ENV.gateway().sdk().completions().createStreaming(
                CompletionCreateParams.builder().model("instruct").prompt("Stream me").build())) {
            stream.stream().forEach(chunk -> {
                assertThat(chunk.usage()).as("the gateway's own usage question").isEmpty();
                chunk.choices().forEach(c -> text.append(c.text()));
            });
        }

        assertThat(text.toString()).isEqualTo("Mock completion: Stream me");
        JsonNode sent = ENV.upstream().lastRequest().map(RecordedRequest::json).orElseThrow();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
        List<String> streamed = ENV.gateway().awaitLog("\"endpoint\":\"/v1/completions\"").lines()
                .filter(l -> l.contains("\"endpoint\":\"/v1/completions\"") && l.contains("\"stream\":true"))
                .toList();
        assertThat(streamed).as("the usage read from the stream, priced").isNotEmpty()
                .allMatch(l -> l.matches(".*\"tokens_out\":[1-9].*") && !l.contains("\"cost_usd\":0.0"));
    }

    @Test
    void aStreamedCompletionKeepsTheUsageChunkWhenTheClientAskedForIt() {
        var response = ENV.gateway().post("/v1/completions", """
                {"model": "instruct", "prompt": "Count", "stream": true, "stream_options": {"include_usage": true}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"usage\":{").endsWith("data: [DONE]\n\n");
    }

    @Test
    void aModelWhoseDeploymentDoesNotServeTheOperationIsRefused() {
        assertThatThrownBy(() -> ENV.gateway().sdk().completions().create(CompletionCreateParams.builder()
                .model("guard").prompt("x").build())).isInstanceOf(BadRequestException.class);
        assertThat(ENV.upstream().requestCount()).isZero();
    }
}
