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
 * Answers OpenAI's {@code POST /v1/embeddings} with the same deterministic unit vectors as
 * {@link GeminiEmbeddings} (the same text gets the same vector in both dialects), as floats or, with
 * {@code encoding_format:"base64"}, little-endian float32 in base64. Vectors have {@code dimensions} values
 * (default 8). A model named {@code embed-words…} is a bag-of-words embedder instead ({@link WordEmbeddings}, 256
 * values by default), whose vectors make paraphrases close. Usage counts one token per word. Any completing behaviour produces the vectors; error
 * statuses, fixtures, hangs and timing apply as for chat.
 *
 * @param model the requested model
 * @param inputs the texts to embed
 * @param dimensions the vector size
 * @param base64 whether the client asked for base64
 */
record OpenAiEmbeddings(String model, List<String> inputs, int dimensions, boolean base64) implements AnswerFormat {

    private static final int DEFAULT_DIMENSIONS = 8;

    /** The error OpenAI would send for this body, if any. */
    static Optional<OpenAiError> validate(JsonNode body) {
        if (!body.isObject()) {
            return Optional.of(OpenAiError.invalidJson());
        }
        if (!body.path("model").isString()) {
            return Optional.of(OpenAiError.missingModel());
        }
        JsonNode input = body.path("input");
        boolean ok = input.isString() || input.isArray() && !input.isEmpty();
        return ok ? Optional.empty() : Optional.of(OpenAiError.forStatus(400, body.path("model").asString()));
    }

    /** Reads a validated body. */
    static OpenAiEmbeddings of(JsonNode body) {
        List<String> inputs = new ArrayList<>();
        JsonNode input = body.path("input");
        if (input.isString()) {
            inputs.add(input.asString());
        } else {
            input.forEach(i -> inputs.add(i.asString("")));
        }
        String model = body.path("model").asString();
        return new OpenAiEmbeddings(model, inputs, body.path("dimensions").asInt(WordEmbeddings.serves(model)
                        ? WordEmbeddings.DEFAULT_DIMENSIONS : DEFAULT_DIMENSIONS),
                "base64".equals(body.path("encoding_format").asString("")));
    }

    @Override
    public boolean streams() {
        return false;
    }

    @Override
    public CharSequence jsonContentType() {
        return Exchange.APPLICATION_JSON;
    }

    @Override
    public CharSequence streamContentType() {
        return Exchange.APPLICATION_JSON;
    }

    @Override
    public Buffer body(Answer ignored) {
        ObjectNode response = JsonText.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = response.putArray("data");
        long tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            double[] values = WordEmbeddings.serves(model) ? WordEmbeddings.values(inputs.get(i), dimensions)
                    : GeminiEmbeddings.values(inputs.get(i), dimensions);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(values.length * 4)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (double v : values) {
                    bytes.putFloat((float) v);
                }
                item.put("embedding", java.util.Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                ArrayNode vector = item.putArray("embedding");
                for (double v : values) {
                    vector.add((float) v);
                }
            }
            tokens += inputs.get(i).isBlank() ? 0 : inputs.get(i).strip().split("\\s+").length;
        }
        response.put("model", model);
        response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return JsonText.buffer(response);
    }

    @Override
    public List<Buffer> events(Answer answer) {
        throw new UnsupportedOperationException("embeddings are never streamed");
    }

    @Override
    public Buffer streamError(int position) {
        throw new UnsupportedOperationException("embeddings are never streamed");
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return Buffer.buffer(OpenAiError.forStatus(status, model).toJson());
    }

    @Override
    public Buffer mockFailure(String message) {
        return Buffer.buffer(OpenAiError.mockFailure(message).toJson());
    }
}
