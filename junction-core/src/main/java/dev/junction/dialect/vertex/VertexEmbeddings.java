package dev.junction.dialect.vertex;

import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vertex AI's text embeddings, {@code POST …/publishers/google/models/{m}:predict}:
 * {@code {"instances": [{"content": …, "task_type": …}], "parameters": {"outputDimensionality": n}}} in, and
 * {@code {"predictions": [{"embeddings": {"values": […], "statistics": {"token_count": n}}}]}} out. The
 * {@code text-embedding-*} models take a batch per request; {@code gemini-embedding-*} takes one instance per
 * request. Stateless.
 */
final class VertexEmbeddings {

    private VertexEmbeddings() {}

    /** Whether {@code model} embeds only one text per request (Vertex's {@code gemini-embedding-001}). */
    static boolean oneTextPerRequest(String model) {
        return model.startsWith("gemini-embedding");
    }

    /** The {@code :predict} body for {@code texts}, with the request's task type and dimensions. */
    static ObjectNode body(EmbeddingRequest request, List<String> texts) {
        ObjectNode body = Json.object();
        var instances = body.putArray("instances");
        for (String text : texts) {
            ObjectNode instance = instances.addObject().put("content", text);
            request.taskType().ifPresent(t -> instance.put("task_type", t));
        }
        request.dimensions().ifPresent(d -> body.putObject("parameters").put("outputDimensionality", d));
        return body;
    }

    /** A {@code :predict} reply for {@code expected} texts. */
    static EmbeddingResponse response(JsonNode body, String upstreamModel, int expected) {
        JsonNode predictions = body.path("predictions");
        if (predictions.size() != expected) {
            throw new GatewayException(new GatewayError.BadGateway("The upstream returned " + predictions.size()
                    + " embeddings for " + expected + " inputs.", false));
        }
        List<float[]> vectors = new ArrayList<>();
        long tokens = 0;
        for (JsonNode prediction : predictions) {
            JsonNode embeddings = prediction.path("embeddings");
            JsonNode values = embeddings.get("values");
            if (values == null || !values.isArray()) {
                throw new GatewayException(new GatewayError.BadGateway("The upstream returned an embedding "
                        + "without values.", false));
            }
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = values.get(i).floatValue();
            }
            vectors.add(vector);
            tokens += embeddings.path("statistics").path("token_count").asLong(0);
        }
        return new EmbeddingResponse(upstreamModel, vectors, tokens);
    }

    /** The responses of consecutive batches as one, in order. */
    static EmbeddingResponse join(String upstreamModel, List<EmbeddingResponse> parts) {
        List<float[]> vectors = new ArrayList<>();
        long tokens = 0;
        for (EmbeddingResponse part : parts) {
            vectors.addAll(part.vectors());
            tokens += part.inputTokens();
        }
        return new EmbeddingResponse(upstreamModel, vectors, tokens);
    }
}
