package dev.junction.dialect.bedrock;

import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The InvokeModel bodies of Bedrock's embedding models, and their replies. Amazon Titan Text Embeddings
 * ({@code amazon.titan-embed-text-*}) take one text per call ({@code inputText}, {@code dimensions},
 * {@code normalize}) and answer {@code {"embedding": […], "inputTextTokenCount": n}}; Cohere Embed on Bedrock
 * ({@code cohere.embed-*}) takes a batch ({@code texts}, the required {@code input_type}, and {@code output_dimension}
 * on v4) and answers {@code {"embeddings": [[…], …]}} (v4: {@code {"embeddings": {"float": [[…]]}}}). The model id may
 * be an inference profile ({@code us.cohere.embed-v4:0}). Pure functions.
 */
public final class BedrockEmbeddings {

    /** The embedding model family of a model id. */
    public enum Family { TITAN, COHERE }

    private BedrockEmbeddings() {}

    /** The family of {@code modelId}, empty when Bedrock has no embeddings of that name this gateway speaks. */
    public static Optional<Family> family(String modelId) {
        String id = modelId.toLowerCase(Locale.ROOT);
        if (id.startsWith("amazon.titan-embed-text") || id.contains(".amazon.titan-embed-text")) {
            return Optional.of(Family.TITAN);
        }
        if (id.startsWith("cohere.embed") || id.contains(".cohere.embed")) {
            return Optional.of(Family.COHERE);
        }
        return Optional.empty();
    }

    /** Titan's body for one input. */
    public static ObjectNode titan(String input, EmbeddingRequest request) {
        ObjectNode body = Json.object().put("inputText", input);
        request.dimensions().ifPresent(d -> body.put("dimensions", d));
        return body.put("normalize", true);
    }

    /** Cohere's body for the whole batch. */
    public static ObjectNode cohere(EmbeddingRequest request, String modelId) {
        ObjectNode body = Json.object();
        ArrayNode texts = body.putArray("texts");
        request.inputs().forEach(texts::add);
        body.put("input_type", inputType(request.taskType()));
        if (request.dimensions().isPresent()) {
            if (!modelId.toLowerCase(Locale.ROOT).contains("embed-v4")) {
                throw GatewayException.invalid("dimensions", "The model '" + modelId
                        + "' has a fixed dimension; only Cohere Embed v4 takes dimensions.");
            }
            body.put("output_dimension", request.dimensions().getAsInt());
        }
        return body;
    }

    /** Cohere's {@code input_type} for a Gemini task type; documents by default. */
    static String inputType(Optional<String> taskType) {
        return switch (taskType.orElse("").toUpperCase(Locale.ROOT)) {
            case "RETRIEVAL_QUERY", "QUESTION_ANSWERING", "FACT_VERIFICATION", "CODE_RETRIEVAL_QUERY" -> "search_query";
            case "CLASSIFICATION" -> "classification";
            case "CLUSTERING" -> "clustering";
            default -> "search_document";
        };
    }

    /** Titan's vector. */
    public static float[] titanVector(JsonNode reply) {
        return vector(reply.get("embedding"));
    }

    /** Titan's input token count, 0 when absent. */
    public static long titanTokens(JsonNode reply) {
        return reply.path("inputTextTokenCount").asLong(0);
    }

    /** Cohere's vectors, {@code expected} of them. */
    public static List<float[]> cohereVectors(JsonNode reply, int expected) {
        JsonNode embeddings = reply.path("embeddings");
        if (embeddings.isObject()) {
            embeddings = embeddings.path("float");
        }
        if (!embeddings.isArray() || embeddings.size() != expected) {
            throw bad("The upstream returned " + (embeddings.isArray() ? embeddings.size() : 0) + " embeddings for "
                    + expected + " inputs.");
        }
        List<float[]> vectors = new ArrayList<>();
        embeddings.forEach(e -> vectors.add(vector(e)));
        return vectors;
    }

    private static float[] vector(JsonNode values) {
        if (values == null || !values.isArray() || values.isEmpty()) {
            throw bad("The upstream returned an embedding without values.");
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).floatValue();
        }
        return v;
    }

    private static GatewayException bad(String message) {
        return new GatewayException(new GatewayError.BadGateway(message, false));
    }
}
