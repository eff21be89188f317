package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.NotFoundException;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.google.genai.Client;
import com.google.genai.errors.ClientException;
import dev.junction.json.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Token counting with the Anthropic SDK ({@code POST /v1/messages/count_tokens}) and the Google SDK
 * ({@code :countTokens}): a plausible positive estimate that grows with the input, answered without an upstream
 * call, and a 404 in the caller's shape for an unknown model.
 */
class TokenCountingTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    /** About 100 words: a tokenizer gives roughly 100 to 200 tokens. */
    private static final String LONG = "The quick brown fox jumps over the lazy dog near the river bank. ".repeat(8);

    private static AnthropicClient anthropic;
    private static Client google;

    @BeforeAll
    static void clients() {
        anthropic = Sdks.anthropic(ENV.gateway());
        google = Sdks.google(ENV.gateway());
    }

    @AfterAll
    static void close() {
        anthropic.close();
        google.close();
    }

    private static long anthropicCount(String model, String prompt) {
        return anthropic.messages().countTokens(MessageCountTokensParams.builder().model(model)
                .addUserMessage(prompt).build()).inputTokens();
    }

    private static int googleCount(String model, String prompt) {
        return google.models.countTokens(model, prompt, null).totalTokens().orElseThrow();
    }

    @Test
    void anthropicSdkCountsAPlausibleNumberThatGrowsWithTheInput() {
        long short_ = anthropicCount("to-openai", "Hello there");
        long long_ = anthropicCount("to-openai", LONG);

        assertThat(short_).isBetween(1L, 20L);
        assertThat(long_).isBetween(60L, 400L).isGreaterThan(short_);
    }

    @Test
    void anthropicCountIncludesTheSystemPrompt() {
        long bare = anthropicCount("to-anthropic", "Hello there");
        long withSystem = anthropic.messages().countTokens(MessageCountTokensParams.builder().model("to-anthropic")
                .system(LONG).addUserMessage("Hello there").build()).inputTokens();

        assertThat(withSystem).isGreaterThan(bare + 50);
    }

    @Test
    void anthropicCountCostsNoUpstreamCall() {
        anthropicCount("to-anthropic", "Hello there");

        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @Test
    void anthropicCountForAnUnknownModelIsNotFound() {
        assertThatThrownBy(() -> anthropicCount("no-such-model", "Hello"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.getMessage())
                        .contains("no-such-model"));
    }

    @Test
    void anthropicCountForAnUnknownModelIsNotFoundErrorOnTheWire() {
        HttpResponse<String> response = ENV.gateway().post("/v1/messages/count_tokens", """
                {"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}""",
                "x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("type").asString()).isEqualTo("error");
        assertThat(body.at("/error/type").asString()).isEqualTo("not_found_error");
    }

    @Test
    void googleSdkCountsAPlausibleNumberThatGrowsWithTheInput() {
        int short_ = googleCount("to-gemini", "Hello there");
        int long_ = googleCount("to-gemini", LONG);

        assertThat(short_).isBetween(1, 20);
        assertThat(long_).isBetween(60, 400).isGreaterThan(short_);
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @Test
    void googleCountWorksForAModelRoutedToAnotherDialect() {
        assertThat(googleCount("to-anthropic", LONG)).isEqualTo(googleCount("to-gemini", LONG));
    }

    @Test
    void googleCountForAnUnknownModelIsNotFound() {
        assertThatThrownBy(() -> googleCount("no-such-model", "Hello"))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.status()).isEqualTo("NOT_FOUND");
                });
    }
}
