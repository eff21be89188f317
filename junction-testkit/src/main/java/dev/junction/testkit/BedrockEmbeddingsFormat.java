package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bedrock's embedding models through InvokeModel, with deterministic unit vectors (the same as
 * {@link GeminiEmbeddings#values}): Amazon Titan Text Embeddings ({@code {"inputText", "dimensions" (256, 512 or 1024,
 * default 1024), "normalize"}} → {@code {"embedding", "inputTextTokenCount"}}) and Cohere Embed
 * ({@code {"texts", "input_type"}} → {@code {"id", "embeddings", "texts", "response_type": "embeddings_floats"}},
 * 1024 dimensions). Each call consumes a behaviour. Errors are Bedrock's.
 *
 * @param titan whether the model is Titan's (else Cohere's)
 */
record BedrockEmbeddingsFormat(boolean titan, JsonNode body, BedrockFormat errors) implements AnswerFormat {

    static final int DIMENSIONS = 1024;

    /** The {@code ValidationException} Bedrock sends for this body, if any. */
    static Optional<String> validate(boolean titan, JsonNode body) {
        if (titan) {
            if (!body.path("inputText").isString() || body.path("inputText").stringValue().isEmpty()) {
                return Optional.of("Malformed input request: #: required key [inputText] not found, please reformat "
                        + "your input and try again.");
            }
            int dimensions = body.path("dimensions").asInt(DIMENSIONS);
            return dimensions == 256 || dimensions == 512 || dimensions == 1024 ? Optional.empty()
                    : Optional.of("Malformed input request: #/dimensions: " + dimensions + " is not a valid enum value, "
                    + "please reformat your input and try again.");
        }
        if (!body.path("texts").isArray() || body.path("texts").isEmpty()) {
            return Optional.of("Malformed input request: #: required key [texts] not found, please reformat your input "
                    + "and try again.");
        }
        return body.path("input_type").isString() ? Optional.empty() : Optional.of("Malformed input request: #: "
                + "required key [input_type] not found, please reformat your input and try again.");
    }

    /** The input tokens Bedrock would count for this body. */
    int inputTokens() {
        int chars = body.path("inputText").asString("").length();
        for (JsonNode text : body.path("texts")) {
            chars += text.asString("").length();
        }
        return Math.max(1, chars / 4);
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
        return BedrockFormat.EVENT_STREAM;
    }

    @Override
    public Buffer body(Answer ignored) {
        ObjectNode response = JsonText.MAPPER.createObjectNode();
        if (titan) {
            response.set("embedding", vector(body.path("inputText").stringValue(),
                    body.path("dimensions").asInt(DIMENSIONS)));
            return JsonText.buffer(response.put("inputTextTokenCount", inputTokens()));
        }
        response.put("id", "mock-embed-" + errors.sequence());
        ArrayNode embeddings = response.putArray("embeddings");
        body.path("texts").forEach(text -> embeddings.add(vector(text.asString(""), DIMENSIONS)));
        response.set("texts", body.path("texts"));
        return JsonText.buffer(response.put("response_type", "embeddings_floats"));
    }

    private static ArrayNode vector(String text, int dimensions) {
        ArrayNode array = JsonText.MAPPER.createArrayNode();
        for (double value : GeminiEmbeddings.values(text, dimensions)) {
            array.add((float) value);
        }
        return array;
    }

    @Override
    public List<Buffer> events(Answer answer) {
        throw new UnsupportedOperationException("embeddings do not stream");
    }

    @Override
    public Buffer streamError(int position) {
        return errors.streamError(position);
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return errors.errorBody(status, behaviorHeaders);
    }

    @Override
    public Buffer mockFailure(String message) {
        return errors.mockFailure(message);
    }
}
