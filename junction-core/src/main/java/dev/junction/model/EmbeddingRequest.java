package dev.junction.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request to embed texts, in canonical form.
 *
 * @param model the model name as the client sent it
 * @param inputs the texts, in order; the response has one vector per text, in the same order
 * @param dimensions the vector size the client asked for, when the model can shorten its vectors
 * @param taskType Gemini's retrieval hint ({@code RETRIEVAL_QUERY}, {@code RETRIEVAL_DOCUMENT}, …), when given
 * @param user an end-user identifier for abuse tracking
 */
public record EmbeddingRequest(String model, List<String> inputs, OptionalInt dimensions, Optional<String> taskType,
                               Optional<String> user) {

    public EmbeddingRequest {
        inputs = List.copyOf(inputs);
    }
}
