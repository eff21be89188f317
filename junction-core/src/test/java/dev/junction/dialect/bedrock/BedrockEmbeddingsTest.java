package dev.junction.dialect.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.GatewayException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BedrockEmbeddingsTest {

    private static EmbeddingRequest request(OptionalInt dimensions, Optional<String> taskType) {
        return new EmbeddingRequest("m", List.of("a", "b"), dimensions, taskType, Optional.empty());
    }

    @Test
    void familiesAreKnownByModelIdIncludingInferenceProfiles() {
        assertThat(BedrockEmbeddings.family("amazon.titan-embed-text-v2:0")).contains(BedrockEmbeddings.Family.TITAN);
        assertThat(BedrockEmbeddings.family("cohere.embed-english-v3")).contains(BedrockEmbeddings.Family.COHERE);
        assertThat(BedrockEmbeddings.family("us.cohere.embed-v4:0")).contains(BedrockEmbeddings.Family.COHERE);
        assertThat(BedrockEmbeddings.family("amazon.nova-lite-v1:0")).isEmpty();
    }

    @Test
    void bodiesCarryEachFamilysFields() {
        assertThat(BedrockEmbeddings.titan("a", request(OptionalInt.of(512), Optional.empty())))
                .isEqualTo(Json.tryParse("{\"inputText\":\"a\",\"dimensions\":512,\"normalize\":true}").orElseThrow());
        assertThat(BedrockEmbeddings.cohere(request(OptionalInt.empty(), Optional.of("RETRIEVAL_QUERY")),
                "cohere.embed-english-v3")).isEqualTo(Json.tryParse(
                "{\"texts\":[\"a\",\"b\"],\"input_type\":\"search_query\"}").orElseThrow());
        assertThat(BedrockEmbeddings.cohere(request(OptionalInt.of(256), Optional.empty()), "cohere.embed-v4:0")
                .path("output_dimension").asInt()).isEqualTo(256);
        assertThatThrownBy(() -> BedrockEmbeddings.cohere(request(OptionalInt.of(256), Optional.empty()),
                "cohere.embed-english-v3")).isInstanceOf(GatewayException.class);
    }

    @Test
    void repliesOfBothCohereShapesAreRead() {
        assertThat(BedrockEmbeddings.cohereVectors(Json.tryParse("{\"embeddings\":[[0.5,1],[2,3]]}").orElseThrow(), 2))
                .hasSize(2).first().satisfies(v -> assertThat(v).containsExactly(0.5f, 1f));
        assertThat(BedrockEmbeddings.cohereVectors(Json.tryParse("{\"embeddings\":{\"float\":[[1,2]]}}")
                .orElseThrow(), 1)).hasSize(1);
        assertThatThrownBy(() -> BedrockEmbeddings.cohereVectors(Json.tryParse("{\"embeddings\":[[1]]}")
                .orElseThrow(), 2)).isInstanceOf(GatewayException.class);
    }
}
