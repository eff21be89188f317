package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers Ollama's {@code POST /api/embed} ({@code input} a string or a list) with the deterministic vectors of
 * {@link GeminiEmbeddings} as {@code embeddings} ({@code dimensions} values, default 8) and
 * {@code prompt_eval_count} one per word.
 *
 * @param model the requested model
 * @param inputs the texts to embed
 * @param dimensions the vector size
 */
record OllamaEmbeddings(String model, List<String> inputs, int dimensions) implements EmbeddingFormat {

    private static final int DEFAULT_DIMENSIONS = 8;

    static OllamaEmbeddings of(JsonNode body) {
        List<String> inputs = new ArrayList<>();
        JsonNode input = body.path("input");
        if (input.isString()) {
            inputs.add(input.asString());
        } else {
            input.forEach(i -> inputs.add(i.asString("")));
        }
        return new OllamaEmbeddings(body.path("model").asString(), inputs,
                body.path("dimensions").asInt(DEFAULT_DIMENSIONS));
    }

    @Override
    public Buffer body(Answer ignored) {
        ObjectNode response = JsonText.MAPPER.createObjectNode().put("model", model);
        ArrayNode embeddings = response.putArray("embeddings");
        long tokens = 0;
        for (String text : inputs) {
            ArrayNode vector = embeddings.addArray();
            for (double v : GeminiEmbeddings.values(text, dimensions)) {
                vector.add((float) v);
            }
            tokens += text.isBlank() ? 0 : text.strip().split("\\s+").length;
        }
        return JsonText.buffer(response.put("total_duration", 14_143_917L).put("load_duration", 1_019_500L)
                .put("prompt_eval_count", tokens));
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return OllamaWire.error(OllamaWire.messageFor(status, model));
    }

    @Override
    public Buffer mockFailure(String message) {
        return OllamaWire.error(message);
    }
}
