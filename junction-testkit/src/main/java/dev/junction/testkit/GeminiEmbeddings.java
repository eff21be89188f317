package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers Gemini's {@code :embedContent} ({@code {"embedding":{"values":[…]}}}) and
 * {@code :batchEmbedContents} ({@code {"embeddings":[…]}}) with deterministic unit vectors derived from
 * each content's text: the same text always gets the same vector. Vectors have
 * {@code outputDimensionality} values (default 8, at most 3072). Any completing behaviour
 * ({@link Behavior#ok()}, {@link Behavior#reply}, …) produces the vectors; error statuses, fixtures,
 * hangs and timing apply as for generation.
 *
 * @param model the model named in the URL, for error messages
 * @param body the validated request body
 * @param batch whether this is {@code :batchEmbedContents}
 */
record GeminiEmbeddings(String model, JsonNode body, boolean batch) implements GoogleWholeAnswer {

    @Override
    public String whyWhole() {
        return "embeddings are never streamed";
    }

    private static final int DEFAULT_DIMENSIONS = 8;
    private static final int MAX_DIMENSIONS = 3072;

    /** Returns the error Gemini would send for this body, if the mock cannot answer it. */
    static Optional<GeminiError> validate(String model, JsonNode body, boolean batch) {
        if (!body.isObject()) {
            return Optional.of(GeminiError.invalidArgument("Invalid JSON payload received. Unexpected token."));
        }
        if (!batch) {
            return body.path("content").isObject() ? Optional.empty()
                    : Optional.of(GeminiError.invalidArgument("* EmbedContentRequest.content: content is not specified\n"));
        }
        JsonNode requests = body.path("requests");
        if (!requests.isArray() || requests.isEmpty()) {
            return Optional.of(GeminiError.invalidArgument("* BatchEmbedContentsRequest.requests: requests is not specified\n"));
        }
        for (int i = 0; i < requests.size(); i++) {
            String requestModel = requests.get(i).path("model").asString("models/" + model);
            if (!requestModel.equals("models/" + model) && !requestModel.equals(model)) {
                return Optional.of(GeminiError.invalidArgument("* BatchEmbedContentsRequest.requests[" + i
                        + "].model: model must be the same as the batch model: models/" + model + "\n"));
            }
            if (!requests.get(i).path("content").isObject()) {
                return Optional.of(GeminiError.invalidArgument(
                        "* BatchEmbedContentsRequest.requests[" + i + "].content: content is not specified\n"));
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
        ObjectNode response = JsonText.MAPPER.createObjectNode();
        if (!batch) {
            response.putObject("embedding").set("values", vector(body));
            return JsonText.buffer(response);
        }
        ArrayNode embeddings = response.putArray("embeddings");
        for (JsonNode request : body.path("requests")) {
            embeddings.addObject().set("values", vector(request));
        }
        return JsonText.buffer(response);
    }

    @Override
    public Buffer streamError(int position) {
        return Buffer.buffer("data: " + JsonText.MAPPER.writeValueAsString(GeminiError.MID_STREAM.toJson()) + "\r\n\r\n");
    }

    /** The unit vector of one request's {@code content}. */
    private static ArrayNode vector(JsonNode request) {
        String text = GeminiRequest.textOf(request.path("content").path("parts"));
        int dimensions = Math.clamp(GeminiRequest.field(request, "outputDimensionality", "output_dimensionality")
                .asInt(DEFAULT_DIMENSIONS), 1, MAX_DIMENSIONS);
        double[] values = values(text, dimensions);
        ArrayNode array = JsonText.MAPPER.createArrayNode();
        for (double value : values) {
            array.add((float) value);
        }
        return array;
    }

    /** Deterministic: seeded from the text's SHA-256, then normalised to length 1. */
    static double[] values(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(seed(text));
        double[] values = new double[dimensions];
        double squares = 0;
        for (int i = 0; i < dimensions; i++) {
            values[i] = random.nextDouble(-1, 1);
            squares += values[i] * values[i];
        }
        double norm = Math.sqrt(squares);
        for (int i = 0; i < dimensions; i++) {
            values[i] = norm == 0 ? 0 : values[i] / norm;
        }
        return values;
    }

    private static long seed(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    }
}
