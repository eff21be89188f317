package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import dev.junction.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Output guardrails on legacy completions ({@code /v1/completions}), whole and streamed, through the official OpenAI
 * SDK: a {@code redact} masks the answer's text (across the stream's chunks), a {@code block} answers 400 or ends the
 * stream with OpenAI's error chunk, and the secret never reaches the client. The mock's completion repeats the
 * prompt, so a prompt carries what the answer will.
 */
class GuardedCompletionOutputTest {

    private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String EMAIL = "jane.doe@example.com";

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension("""
            routes:
              masked:
                groups: [{deployments: [{provider: openai, model: gpt-3.5-turbo-instruct, operations: [completions]}]}]
              blocked:
                groups: [{deployments: [{provider: openai, model: gpt-3.5-turbo-instruct, operations: [completions]}]}]
            guardrails:
              policies:
                mask-answers:
                  detectors: [pii]
                  on: output
                  actions: {pii: redact}
                  applies_to: {routes: [masked]}
                no-secret-answers:
                  detectors: [secrets]
                  on: output
                  applies_to: {routes: [blocked]}
            """);

    private static CompletionCreateParams params(String model, String prompt) {
        return CompletionCreateParams.builder().model(model).prompt(prompt).maxTokens(64).build();
    }

    @Test
    void aCompleteAnswerIsMasked() {
        Completion completion = ENV.gateway().sdk().completions().create(params("masked", "write to " + EMAIL
                + " today"));

        assertThat(completion.choices().getFirst().text()).isEqualTo("Mock completion: write to [EMAIL_1] today");
    }

    @Test
    void aStreamedAnswerIsMaskedAcrossItsChunksAndEndsAsACompletionStream() {
        List<String> pieces = new ArrayList<>();
        try (StreamResponse<Completion> stream = ENV.gateway().sdk().completions().createStreaming(
                params("masked", "please write to " + EMAIL + " today"))) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> pieces.add(c.text())));
        }
        assertThat(String.join("", pieces)).isEqualTo("Mock completion: please write to [EMAIL_1] today");

        HttpResponse<String> raw = ENV.gateway().post("/v1/completions", """
                {"model": "masked", "prompt": "mail %s now", "max_tokens": 64, "stream": true}""".formatted(EMAIL));
        List<JsonNode> chunks = raw.body().lines().filter(l -> l.startsWith("data: {"))
                .map(l -> Json.MAPPER.readTree(l.substring(6))).toList();
        assertThat(chunks).filteredOn(c -> !c.at("/choices/0/finish_reason").isNull()).as("one finishing chunk, last")
                .hasSize(1).first().isEqualTo(chunks.getLast());
        assertThat(chunks).allMatch(c -> c.path("object").asString().equals("text_completion"));
        assertThat(raw.body()).doesNotContain(EMAIL).endsWith("data: [DONE]\n\n");
    }

    @Test
    void aCompleteAnswerWithASecretIsRefusedWithoutIt() {
        HttpResponse<String> response = ENV.gateway().post("/v1/completions", """
                {"model": "blocked", "prompt": "the key %s means", "max_tokens": 64}""".formatted(AWS_KEY));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("guardrail_blocked");
        assertThat(error.path("message").asString()).contains("no-secret-answers").contains("answer");
        assertThat(response.body()).doesNotContain(AWS_KEY);
    }

    @Test
    void aStreamedAnswerWithASecretEndsWithAnErrorChunkBeforeTheSecret() {
        HttpResponse<String> response = ENV.gateway().post("/v1/completions", """
                {"model": "blocked", "prompt": "the key %s means", "max_tokens": 64, "stream": true}"""
                .formatted(AWS_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(AWS_KEY).doesNotContain("[DONE]");
        List<String> data = response.body().lines().filter(l -> l.startsWith("data: ")).toList();
        JsonNode last = Json.MAPPER.readTree(data.getLast().substring(6));
        assertThat(last.path("error").path("code").asString()).isEqualTo("guardrail_blocked");
    }

    @Test
    void aRouteWithoutOutputPoliciesStillPassesTheStreamByteForByte() {
        HttpResponse<String> response = ENV.gateway().post("/v1/completions", """
                {"model": "blocked", "prompt": "nothing secret here", "max_tokens": 64, "stream": true}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Mock").endsWith("data: [DONE]\n\n");
    }
}
