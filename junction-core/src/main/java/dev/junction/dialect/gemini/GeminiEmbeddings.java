package dev.junction.dialect.gemini;

import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gemini's embedding wire format, both ways: {@code :embedContent} (one text) and {@code :batchEmbedContents} (many)
 * from clients, and {@code :batchEmbedContents} to upstreams. A batch's task type and dimensions are taken from its
 * first item: the canonical request has one of each, and real batches do not mix them.
 */
public final class GeminiEmbeddings {

    private GeminiEmbeddings() {}

    /** A client's {@code :embedContent} body. */
    public static EmbeddingRequest fromEmbedContent(ObjectNode body, String model) {
        return new EmbeddingRequest(model, List.of(text(body.get("content"), "content")),
                dimensions(body, "outputDimensionality"), taskType(body), Optional.empty());
    }

    /** A client's {@code :batchEmbedContents} body. */
    public static EmbeddingRequest fromBatch(ObjectNode body, String model) {
        JsonNode requests = body.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw GatewayException.invalid("requests", "* BatchEmbedContentsRequest.requests: must be a non-empty "
                    + "list.");
        }
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            inputs.add(text(requests.get(i).get("content"), "requests[" + i + "].content"));
        }
        JsonNode first = requests.get(0);
        return new EmbeddingRequest(model, inputs, dimensions(first, "requests[0].outputDimensionality"),
                taskType(first), Optional.empty());
    }

    /** The {@code :embedContent} response for a client. */
    public static ObjectNode embedContentResponse(EmbeddingResponse response) {
        ObjectNode body = Json.object();
        values(body.putObject("embedding").putArray("values"), response.vectors().getFirst());
        return body;
    }

    /** The {@code :batchEmbedContents} response for a client. */
    public static ObjectNode batchResponse(EmbeddingResponse response) {
        ObjectNode body = Json.object();
        ArrayNode embeddings = body.putArray("embeddings");
        response.vectors().forEach(v -> values(embeddings.addObject().putArray("values"), v));
        return body;
    }

    /** The {@code :batchEmbedContents} body for an upstream. */
    public static ObjectNode upstreamBody(EmbeddingRequest request, String upstreamModel) {
        ObjectNode body = Json.object();
        ArrayNode requests = body.putArray("requests");
        for (String input : request.inputs()) {
            ObjectNode item = requests.addObject().put("model", "models/" + upstreamModel);
            item.putObject("content").putArray("parts").addObject().put("text", input);
            request.taskType().ifPresent(t -> item.put("taskType", t));
            request.dimensions().ifPresent(d -> item.put("outputDimensionality", d));
        }
        return body;
    }

    /** An upstream's {@code :batchEmbedContents} response. Gemini reports no token usage. */
    public static EmbeddingResponse upstreamResponse(JsonNode body, String upstreamModel, int expected) {
        JsonNode embeddings = body.path("embeddings");
        if (embeddings.size() != expected) {
            throw new GatewayException(new GatewayError.BadGateway("The upstream returned " + embeddings.size()
                    + " embeddings for " + expected + " inputs.", false));
        }
        List<float[]> vectors = new ArrayList<>();
        for (JsonNode e : embeddings) {
            JsonNode values = e.get("values");
            if (values == null || !values.isArray()) {
                throw new GatewayException(new GatewayError.BadGateway("The upstream returned an embedding "
                        + "without values.", false));
            }
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i).floatValue();
            }
            vectors.add(v);
        }
        return new EmbeddingResponse(upstreamModel, vectors, 0);
    }

    private static String text(JsonNode content, String path) {
        if (content == null || !content.isObject()) {
            throw GatewayException.invalid(path, "* " + path + ": required field is not set.");
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content.path("parts")) {
            JsonNode text = part.get("text");
            if (text == null || !text.isString()) {
                throw GatewayException.invalid(path + ".parts", "* " + path + ".parts: only text parts can be "
                        + "embedded through this gateway.");
            }
            sb.append(text.stringValue());
        }
        if (sb.isEmpty()) {
            throw GatewayException.invalid(path + ".parts", "* " + path + ".parts: must contain text.");
        }
        return sb.toString();
    }

    private static OptionalInt dimensions(JsonNode node, String path) {
        JsonNode d = node.get("outputDimensionality");
        if (d == null || d.isNull()) {
            return OptionalInt.empty();
        }
        if (!d.isIntegralNumber() || d.asInt() < 1) {
            throw GatewayException.invalid(path, "* " + path + ": must be a positive integer.");
        }
        return OptionalInt.of(d.asInt());
    }

    private static Optional<String> taskType(JsonNode node) {
        JsonNode t = node.get("taskType");
        return t != null && t.isString() ? Optional.of(t.stringValue()) : Optional.empty();
    }

    private static void values(ArrayNode out, float[] vector) {
        for (float v : vector) {
            out.add(v);
        }
    }
}
