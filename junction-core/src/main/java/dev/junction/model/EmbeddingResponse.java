package dev.junction.model;

import java.util.List;

/**
 * Embedding vectors, one per input in input order, with the tokens the upstream counted (0 when it does not say:
 * Gemini reports none).
 */
public record EmbeddingResponse(String model, List<float[]> vectors, long inputTokens) {

    public EmbeddingResponse {
        vectors = List.copyOf(vectors);
    }
}
