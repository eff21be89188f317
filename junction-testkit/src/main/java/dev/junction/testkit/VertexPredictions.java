package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers Vertex AI's text-embedding {@code :predict}
 * ({@code {"predictions":[{"embeddings":{"values":[…],"statistics":{"token_count":n,"truncated":false}}}]}}) with
 * the same deterministic unit vectors {@link GeminiEmbeddings} gives a text, {@code parameters.outputDimensionality}
 * values long (default 8). {@code gemini-embedding-*} models take one instance per request, as on Vertex. Behaviours
 * apply as for generation.
 *
 * @param model the model named in the URL
 * @param body the validated request body
 */
record VertexPredictions(String model, JsonNode body) implements GoogleWholeAnswer {

    @Override
    public String whyWhole() {
        return "embeddings are never streamed";
    }

    private static final int DEFAULT_DIMENSIONS = 8;
    private static final int MAX_DIMENSIONS = 3072;

    /** Returns the error Vertex would send for this body, if the mock cannot answer it. */
    static Optional<GeminiError> validate(String model, JsonNode body) {
        JsonNode instances = body.path("instances");
        if (!instances.isArray() || instances.isEmpty()) {
            return Optional.of(GeminiError.invalidArgument("instances: required, a non-empty list"));
        }
        if (model.startsWith("gemini-embedding") && instances.size() > 1) {
            return Optional.of(GeminiError.invalidArgument("Unable to submit request because " + model
                    + " supports only one instance per request."));
        }
        for (JsonNode instance : instances) {
            if (!instance.path("content").isString()) {
                return Optional.of(GeminiError.invalidArgument("instances[].content: required, a string"));
            }
        }
        return Optional.empty();
    }

    @Override
    public CharSequence streamContentType() {
        return Exchange.GOOGLE_EVENT_STREAM;
    }

    @Override
    public Buffer body(Answer ignored) {
        int dimensions = Math.clamp(body.path("parameters").path("outputDimensionality").asInt(DEFAULT_DIMENSIONS),
                1, MAX_DIMENSIONS);
        ObjectNode response = JsonText.MAPPER.createObjectNode();
        ArrayNode predictions = response.putArray("predictions");
        for (JsonNode instance : body.path("instances")) {
            String text = instance.path("content").asString();
            ObjectNode embeddings = predictions.addObject().putObject("embeddings");
            ArrayNode values = embeddings.putArray("values");
            for (double value : GeminiEmbeddings.values(text, dimensions)) {
                values.add((float) value);
            }
            embeddings.putObject("statistics").put("token_count", Math.max(1, text.length() / 4))
                    .put("truncated", false);
        }
        return JsonText.buffer(response);
    }

}
