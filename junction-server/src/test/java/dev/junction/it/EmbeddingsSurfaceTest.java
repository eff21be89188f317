package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.genai.Client;
import com.google.genai.types.ContentEmbedding;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.junction.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeddings through the gateway with the official OpenAI and Google SDKs, routed to an OpenAI, a Gemini, a Cohere
 * and an Ollama upstream: the vectors the client decodes are the mock upstream's, in every encoding, one by one and in batches.
 * An Anthropic route is refused, since Anthropic has no embeddings.
 */
class EmbeddingsSurfaceTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix("", """
            embed-openai: {steps: [{provider: openai, model: text-embedding-3-small}]}
            embed-gemini: {steps: [{provider: gemini, model: gemini-embedding-001}]}
            embed-anthropic: {steps: [{provider: anthropic, model: claude-sonnet-4-5}]}
            embed-cohere: {steps: [{provider: cohere, model: embed-v4.0}]}
            embed-ollama: {steps: [{provider: ollama-native, model: all-minilm}]}
            """);

    private static Client google;

    private static synchronized Client google() {
        if (google == null) {
            google = Client.builder().apiKey(Gateway.KEY).httpOptions(HttpOptions.builder()
                    .baseUrl(ENV.gateway().baseUrl()).retryOptions(HttpRetryOptions.builder().attempts(1)).build())
                    .build();
        }
        return google;
    }

    @AfterAll
    static void closeGoogle() {
        if (google != null) {
            google.close();
            google = null;
        }
    }

    /**
     * The vectors the mock upstream gives these texts, asked for directly (not through the gateway) as floats: the
     * mock gives the same text the same vector in both dialects.
     */
    private static List<List<Double>> mockVectors(List<String> texts, int dimensions) {
        ObjectNode body = Json.object().put("model", "text-embedding-3-small").put("dimensions", dimensions);
        texts.forEach(body.putArray("input")::add);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(ENV.upstream().baseUrl() + "/embeddings"))
                    .header("content-type", "application/json").header("authorization", "Bearer x")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<List<Double>> vectors = new ArrayList<>();
            for (JsonNode item : Json.MAPPER.readTree(response.body()).path("data")) {
                List<Double> vector = new ArrayList<>();
                item.path("embedding").forEach(v -> vector.add(v.asDouble()));
                vectors.add(vector);
            }
            return vectors;
        } catch (Exception e) {
            throw new AssertionError("the mock did not embed: " + e, e);
        }
    }

    private static void assertSameVectors(List<? extends List<? extends Number>> actual, List<List<Double>> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("vector %d", i).hasSameSizeAs(expected.get(i));
            for (int k = 0; k < expected.get(i).size(); k++) {
                assertThat(actual.get(i).get(k).doubleValue()).as("vector %d value %d", i, k)
                        .isCloseTo(expected.get(i).get(k), within(1e-6));
            }
        }
    }

    static Stream<Arguments> routesAndEncodings() {
        List<Arguments> cases = new ArrayList<>();
        for (String route : List.of("embed-openai", "embed-gemini", "embed-cohere", "embed-ollama")) {
            cases.add(Arguments.of(route, "float"));
            cases.add(Arguments.of(route, "SDK default (base64)"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("routesAndEncodings")
    void openAiSdkDecodesTheUpstreamVectors(String route, String encoding) {
        EmbeddingCreateParams.Builder params = EmbeddingCreateParams.builder().model(route).input("hello world");
        if (encoding.equals("float")) {
            params.encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT);
        }

        CreateEmbeddingResponse response = ENV.gateway().sdk().embeddings().create(params.build());

        assertSameVectors(response.data().stream().map(e -> e.embedding()).toList(),
                mockVectors(List.of("hello world"), 8));
        assertThat(response.model()).isEqualTo(route);
        assertThat(response.usage().promptTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"embed-openai", "embed-gemini", "embed-cohere", "embed-ollama"})
    void openAiSdkBatchKeepsTheInputOrderAndTheRequestedDimensions(String route) {
        List<String> texts = List.of("alpha", "beta gamma", "delta epsilon zeta");

        CreateEmbeddingResponse response = ENV.gateway().sdk().embeddings().create(EmbeddingCreateParams.builder()
                .model(route).inputOfArrayOfStrings(texts).dimensions(16).build());

        assertThat(response.data()).extracting(e -> e.index()).containsExactly(0L, 1L, 2L);
        assertSameVectors(response.data().stream().map(e -> e.embedding()).toList(), mockVectors(texts, 16));
    }

    @Test
    void cohereGetsTheClientsInputTypeOrSearchDocumentAndAsksForFloats() {
        ENV.gateway().sdk().embeddings().create(EmbeddingCreateParams.builder().model("embed-cohere").input("q")
                .build());
        JsonNode plain = ENV.last().json();
        ENV.gateway().sdk().embeddings().create(EmbeddingCreateParams.builder().model("embed-cohere").input("q")
                .putAdditionalBodyProperty("input_type", com.openai.core.JsonValue.from("search_query")).build());
        JsonNode query = ENV.last().json();

        assertThat(ENV.last().path()).isEqualTo("/v2/embed");
        assertThat(plain.path("input_type").asString()).isEqualTo("search_document");
        assertThat(plain.path("embedding_types").get(0).asString()).isEqualTo("float");
        assertThat(query.path("input_type").asString()).isEqualTo("search_query");
    }

    @Test
    void openAiSdkEmbeddingOnAnAnthropicRouteIsABadRequestNamingAnthropic() {
        assertThatThrownBy(() -> ENV.gateway().sdk().embeddings().create(EmbeddingCreateParams.builder()
                .model("embed-anthropic").input("hello").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .containsIgnoringCase("anthropic").containsIgnoringCase("embed"));
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"embed-openai", "embed-gemini"})
    void googleSdkEmbedsOneTextWithTheUpstreamVector(String route) {
        EmbedContentResponse response = google().models.embedContent(route, "hello world", null);

        assertSameVectors(response.embeddings().orElseThrow().stream()
                .map(e -> e.values().orElseThrow()).toList(), mockVectors(List.of("hello world"), 8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embed-openai", "embed-gemini"})
    void googleSdkEmbedsABatchInOrder(String route) {
        List<String> texts = List.of("alpha", "beta gamma", "delta epsilon zeta");

        EmbedContentResponse response = google().models.embedContent(route, texts, null);

        List<List<Float>> vectors = response.embeddings().orElseThrow().stream()
                .map(ContentEmbedding::values).map(v -> v.orElseThrow()).toList();
        assertSameVectors(vectors, mockVectors(texts, 8));
    }

    @Test
    void geminiEmbedContentOnAnAnthropicRouteIsInvalidArgumentInGoogleShape() {
        HttpResponse<String> response = ENV.gateway().post("/v1beta/models/embed-anthropic:embedContent", """
                {"content":{"parts":[{"text":"hello"}]}}""", "x-goog-api-key", Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("status").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asString()).containsIgnoringCase("anthropic");
    }

    @Test
    void geminiEmbeddingOfAnUnknownModelIsNotFoundInGoogleShape() {
        HttpResponse<String> response = ENV.gateway().post("/v1beta/models/no-such-embedder:embedContent", """
                {"content":{"parts":[{"text":"hello"}]}}""", "x-goog-api-key", Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(response.body()).at("/error/status").asString()).isEqualTo("NOT_FOUND");
    }
}
