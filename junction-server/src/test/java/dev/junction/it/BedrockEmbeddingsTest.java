package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
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

/**
 * Embeddings on Bedrock through InvokeModel, with the OpenAI SDK: Titan (one signed call per input, the requested
 * dimensions and normalisation sent) and Cohere (one call for the batch, with its required {@code input_type}); a model
 * of another family is the client's mistake, throttling a rate limit.
 */
class BedrockEmbeddingsTest {

    private static MockUpstream upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers:
                  aws: {dialect: bedrock-converse, base_url: %s, platform: {type: bedrock, region: eu-central-1,
                        access_key_id: %s, secret_access_key: "%s"}}
                routes:
                  titan: {steps: [{provider: aws, model: "amazon.titan-embed-text-v2:0"}]}
                  cohere: {steps: [{provider: aws, model: "cohere.embed-multilingual-v3"}]}
                  nova: {steps: [{provider: aws, model: "amazon.nova-lite-v1:0"}]}
                """.formatted(Gateway.KEY, upstream.bedrockBaseUrl(), MockUpstream.AWS_ACCESS_KEY_ID,
                MockUpstream.AWS_SECRET_ACCESS_KEY), Map.of());
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

    private static CreateEmbeddingResponse embed(String model, List<String> texts, Long dimensions) {
        EmbeddingCreateParams.Builder params = EmbeddingCreateParams.builder().model(model)
                .inputOfArrayOfStrings(texts).encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT);
        if (dimensions != null) {
            params.dimensions(dimensions);
        }
        return gateway.sdk().embeddings().create(params.build());
    }

    @Test
    void titanEmbedsEachInputInASignedCallOfItsOwn() {
        CreateEmbeddingResponse response = embed("titan", List.of("alpha", "beta gamma"), 256L);

        assertThat(response.data()).hasSize(2).allSatisfy(e -> assertThat(e.embedding()).hasSize(256));
        assertThat(response.data().get(0).embedding()).isNotEqualTo(response.data().get(1).embedding());
        assertThat(response.usage().promptTokens()).isPositive();
        List<RecordedRequest> calls = upstream.requests();
        assertThat(calls).hasSize(2).allSatisfy(call -> {
            assertThat(call.path()).isEqualTo("/model/amazon.titan-embed-text-v2%3A0/invoke");
            assertThat(call.header("authorization").orElseThrow()).contains("/eu-central-1/bedrock/aws4_request");
            assertThat(call.json().path("dimensions").asInt()).isEqualTo(256);
            assertThat(call.json().path("normalize").asBoolean()).isTrue();
        });
        assertThat(calls.stream().map(c -> c.json().path("inputText").asString()))
                .containsExactlyInAnyOrder("alpha", "beta gamma");
    }

    @Test
    void cohereEmbedsTheBatchInOneCallWithItsInputType() {
        List<String> texts = List.of("one", "two", "three");

        CreateEmbeddingResponse response = embed("cohere", texts, null);

        assertThat(response.data()).hasSize(3).allSatisfy(e -> assertThat(e.embedding()).hasSize(1024));
        assertThat(response.data()).extracting(e -> e.index()).containsExactly(0L, 1L, 2L);
        RecordedRequest call = upstream.lastRequest().orElseThrow();
        assertThat(upstream.requests()).hasSize(1);
        assertThat(call.path()).isEqualTo("/model/cohere.embed-multilingual-v3/invoke");
        assertThat(call.json().path("texts").toString()).isEqualTo("[\"one\",\"two\",\"three\"]");
        assertThat(call.json().path("input_type").asString()).isEqualTo("search_document");
    }

    @Test
    void aModelOfAnotherFamilyIsTheClientsMistake() {
        HttpResponse<String> response = gateway.post("/v1/embeddings", """
                {"model": "nova", "input": "hi"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("amazon.titan-embed-text");
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void dimensionsOnACohereV3ModelAreTheClientsMistake() {
        HttpResponse<String> response = gateway.post("/v1/embeddings", """
                {"model": "cohere", "input": "hi", "dimensions": 256}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("dimensions");
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void throttlingIsARateLimit() {
        upstream.setDefault(Behavior.status(429));

        HttpResponse<String> response = gateway.post("/v1/embeddings", """
                {"model": "cohere", "input": "hi"}""");

        assertThat(response.statusCode()).isEqualTo(429);
    }
}
