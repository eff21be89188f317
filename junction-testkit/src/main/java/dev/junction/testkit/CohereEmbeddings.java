package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers Cohere's {@code POST /v2/embed} with the deterministic vectors of {@link GeminiEmbeddings} as
 * {@code embeddings.float} ({@code output_dimension} values, default 8), {@code meta.billed_units.input_tokens} one per
 * word. Validated like Cohere's v3+ models: {@code texts} and {@code input_type} are required.
 *
 * @param model the requested model
 * @param texts the texts to embed
 * @param inputType the requested input type, echoed nowhere but checked
 * @param dimensions the vector size
 */
record CohereEmbeddings(String model, List<String> texts, String inputType, int dimensions) implements EmbeddingFormat {

    private static final int DEFAULT_DIMENSIONS = 8;

    /** The message of Cohere's 400 for this body, if any. */
    static Optional<String> validate(JsonNode body) {
        if (!body.path("model").isString()) {
            return Optional.of("invalid request: model is required");
        }
        if (!body.path("texts").isArray() || body.path("texts").isEmpty()) {
            return Optional.of("invalid request: texts must be a non-empty list of strings");
        }
        if (!body.path("input_type").isString()) {
            return Optional.of("invalid request: input_type is required for embed-v3 and newer models");
        }
        return Optional.empty();
    }

    static CohereEmbeddings of(JsonNode body) {
        List<String> texts = new ArrayList<>();
        body.path("texts").forEach(t -> texts.add(t.asString("")));
        return new CohereEmbeddings(body.path("model").asString(), texts, body.path("input_type").asString(),
                body.path("output_dimension").asInt(DEFAULT_DIMENSIONS));
    }

    @Override
    public Buffer body(Answer ignored) {
        ObjectNode response = JsonText.MAPPER.createObjectNode().put("id", "mock-embed")
                .put("response_type", "embeddings_by_type");
        ArrayNode floats = response.putObject("embeddings").putArray("float");
        long tokens = 0;
        for (String text : texts) {
            ArrayNode vector = floats.addArray();
            for (double v : GeminiEmbeddings.values(text, dimensions)) {
                vector.add((float) v);
            }
            tokens += text.isBlank() ? 0 : text.strip().split("\\s+").length;
        }
        ArrayNode echoed = response.putArray("texts");
        texts.forEach(echoed::add);
        ObjectNode meta = response.putObject("meta");
        meta.putObject("api_version").put("version", "2");
        meta.putObject("billed_units").put("input_tokens", tokens);
        return JsonText.buffer(response);
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return CohereWire.error(CohereWire.messageFor(status, model));
    }

    @Override
    public Buffer mockFailure(String message) {
        return CohereWire.error(message);
    }
}
