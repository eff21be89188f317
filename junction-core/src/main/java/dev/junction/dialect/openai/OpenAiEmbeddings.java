package dev.junction.dialect.openai;

import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's {@code /embeddings} wire format, both ways: client requests and responses (floats or base64 of
 * little-endian float32, which the OpenAI SDKs ask for by default) and upstream requests and responses. Token-array
 * inputs are not supported: other dialects cannot express them.
 */
public final class OpenAiEmbeddings {

    private OpenAiEmbeddings() {}

    /** A client's request body. Throws {@link GatewayException} naming the bad field. */
    public static EmbeddingRequest toCanonical(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isString() || model.stringValue().isBlank()) {
            throw GatewayException.invalid("model", "Missing required parameter: 'model'.");
        }
        JsonNode input = body.get("input");
        List<String> inputs = new ArrayList<>();
        if (input != null && input.isString()) {
            inputs.add(input.stringValue());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                if (!item.isString()) {
                    throw GatewayException.invalid("input", "Invalid 'input': this gateway accepts a string or an "
                            + "array of strings (token arrays are not supported).");
                }
                inputs.add(item.stringValue());
            }
        } else {
            throw GatewayException.invalid("input", "Missing required parameter: 'input' (a string or a non-empty "
                    + "array of strings).");
        }
        JsonNode dims = body.get("dimensions");
        OptionalInt dimensions = OptionalInt.empty();
        if (dims != null && !dims.isNull()) {
            if (!dims.isIntegralNumber() || dims.asInt() < 1) {
                throw GatewayException.invalid("dimensions", "Invalid 'dimensions': expected an integer of at "
                        + "least 1.");
            }
            dimensions = OptionalInt.of(dims.asInt());
        }
        JsonNode user = body.get("user");
        // Cohere's retrieval hint, which compatible servers accept too, as the canonical (Gemini-named) task type.
        JsonNode inputType = body.get("input_type");
        return new EmbeddingRequest(model.stringValue(), inputs, dimensions,
                inputType != null && inputType.isString()
                        ? Optional.ofNullable(TASK_TYPES.get(inputType.stringValue())) : Optional.empty(),
                user != null && user.isString() ? Optional.of(user.stringValue()) : Optional.empty());
    }

    /** Whether the client asked for base64 vectors. */
    public static boolean wantsBase64(ObjectNode body) {
        return "base64".equals(body.path("encoding_format").asString(""));
    }

    /** The response body for a client. */
    public static ObjectNode fromCanonical(EmbeddingResponse response, String model, boolean base64) {
        ObjectNode body = Json.object().put("object", "list");
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < response.vectors().size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            float[] vector = response.vectors().get(i);
            if (base64) {
                item.put("embedding", encode(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
        }
        body.put("model", model);
        body.putObject("usage").put("prompt_tokens", response.inputTokens())
                .put("total_tokens", response.inputTokens());
        return body;
    }

    /** The body for an OpenAI-compatible upstream; floats are asked for, so the gateway can re-encode freely. */
    public static ObjectNode upstreamBody(EmbeddingRequest request, String upstreamModel) {
        ObjectNode body = Json.object().put("model", upstreamModel);
        ArrayNode input = body.putArray("input");
        request.inputs().forEach(input::add);
        request.dimensions().ifPresent(d -> body.put("dimensions", d));
        request.user().ifPresent(u -> body.put("user", u));
        return body.put("encoding_format", "float");
    }

    /** An upstream's response body. */
    public static EmbeddingResponse upstreamResponse(JsonNode body, int expected) {
        JsonNode data = body.path("data");
        float[][] vectors = new float[expected][];
        for (JsonNode item : data) {
            int index = item.path("index").asInt(-1);
            if (index < 0 || index >= expected) {
                throw badGateway("an embedding index out of range");
            }
            JsonNode e = item.get("embedding");
            vectors[index] = e != null && e.isString() ? decode(e.stringValue()) : floats(e);
        }
        for (float[] v : vectors) {
            if (v == null) {
                throw badGateway("fewer embeddings than inputs");
            }
        }
        return new EmbeddingResponse(body.path("model").asString(""), List.of(vectors),
                body.path("usage").path("prompt_tokens").asLong(0));
    }

    /** Cohere's {@code input_type} values and the canonical task types they mean; others are not passed on. */
    private static final java.util.Map<String, String> TASK_TYPES = java.util.Map.of(
            "search_document", "RETRIEVAL_DOCUMENT", "search_query", "RETRIEVAL_QUERY",
            "classification", "CLASSIFICATION", "clustering", "CLUSTERING");

    /** An embedding given as a JSON array of numbers; a bad gateway for anything else. */
    public static float[] floats(JsonNode values) {
        if (values == null || !values.isArray()) {
            throw badGateway("an embedding that is not an array of numbers");
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    private static String encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            buffer.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    private static float[] decode(String base64) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[buffer.remaining() / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.getFloat();
        }
        return out;
    }

    private static GatewayException badGateway(String what) {
        return new GatewayException(new GatewayError.BadGateway("The upstream returned " + what + ".", false));
    }
}
