package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gemini's {@code v1beta} wire format (see {@code wire/gemini.md}); base URL {@code http://host:port/v1beta}.
 *
 * <ul>
 *   <li>{@code POST /v1beta/models/{model}:generateContent} with {@code responseModalities: ["IMAGE"]} and
 *       {@code :predict} (Imagen): images, see {@link GeminiImages};
 *   <li>{@code POST /v1beta/models/{model}:generateContent} with an audio {@code inlineData} part: a transcript, see
 *       {@link GeminiTranscripts};
 *   <li>{@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent} (SSE with
 *       {@code ?alt=sse}, else a streamed JSON array): validated like Gemini does (malformed JSON, missing
 *       {@code contents}, a signed {@code functionCall} replayed without its {@code thoughtSignature}:
 *       400 {@code INVALID_ARGUMENT} without consuming a behaviour), then answered by the behaviour.
 *   <li>{@code POST …:embedContent}, {@code …:batchEmbedContents}: deterministic vectors, see
 *       {@link GeminiEmbeddings}; consume a behaviour like generation does.
 *   <li>{@code POST …:countTokens}: {@code {"totalTokens": n}}, the same estimate generation reports as
 *       {@code promptTokenCount}; never consumes a behaviour.
 *   <li>{@code GET /v1beta/models}, {@code GET /v1beta/models/{model}}: the mock model in Google's shape.
 *   <li>anything else under {@code /v1beta}: 404 {@code NOT_FOUND}.
 * </ul>
 */
final class GeminiWire implements Wire {

    private static final String MODELS_PATH = "/v1beta/models";

    private final Responder responder;
    private final IssuedSignatures signatures;
    private final Consumer<ReceivedAudio> audio;

    /** @param audio where the audio files of transcription requests are recorded (digested) */
    GeminiWire(Responder responder, IssuedSignatures signatures, Consumer<ReceivedAudio> audio) {
        this.responder = responder;
        this.signatures = signatures;
        this.audio = audio;
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.GEMINI;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        String path = request.path();
        String resource = path.startsWith(MODELS_PATH + "/") ? path.substring(MODELS_PATH.length() + 1) : "";
        int colon = resource.lastIndexOf(':');
        if (request.method() == HttpMethod.GET && path.equals(MODELS_PATH)) {
            ObjectNode list = JsonText.MAPPER.createObjectNode();
            list.putArray("models").add(model("mock-model"));
            respond(exchange, list);
        } else if (request.method() == HttpMethod.GET && !resource.isEmpty() && colon < 0) {
            respond(exchange, model(resource));
        } else if (request.method() == HttpMethod.POST && colon > 0) {
            method(request, resource.substring(0, colon), resource.substring(colon + 1), json, exchange);
        } else {
            sendError(exchange, GeminiError.of(404, "Method not found.", "NOT_FOUND"));
        }
    }

    /** Serves {@code model}'s {@code :method}, as the Gemini API and Vertex AI's Google publisher do. */
    void method(HttpServerRequest request, String model, String method, JsonNode json, Exchange exchange) {
        switch (method) {
            case "generateContent" -> {
                Optional<JsonNode> heard = GeminiTranscripts.audioPart(json);
                if (GeminiImages.asksForImages(json)) {
                    responder.answer(exchange, GeminiImages.generateContent(model, json), "");
                } else if (heard.isPresent()) {
                    GeminiTranscripts transcription = GeminiTranscripts.of(request.path(), model, json, heard.get());
                    audio.accept(transcription.audio());
                    responder.answer(exchange, transcription, "");
                } else {
                    generate(model, GeminiRequest.Streaming.NONE, json, exchange);
                }
            }
            case "predict" -> {
                if (!json.path("instances").isArray() || json.path("instances").isEmpty()) {
                    sendError(exchange, GeminiError.invalidArgument("* instances: required"));
                } else {
                    responder.answer(exchange, GeminiImages.predict(model, json), "");
                }
            }
            case "streamGenerateContent" -> generate(model, "sse".equals(request.getParam("alt"))
                    ? GeminiRequest.Streaming.SSE : GeminiRequest.Streaming.JSON_ARRAY, json, exchange);
            case "countTokens" -> countTokens(model, json, exchange);
            case "embedContent" -> embed(model, json, false, exchange);
            case "batchEmbedContents" -> embed(model, json, true, exchange);
            default -> sendError(exchange, GeminiError.of(404, "Method not found.", "NOT_FOUND"));
        }
    }

    private void generate(String model, GeminiRequest.Streaming stream, JsonNode json, Exchange exchange) {
        Optional<GeminiError> invalid = GeminiRequest.validate(json)
                .or(() -> GeminiRequest.checkSignatures(json, signatures));
        if (invalid.isPresent()) {
            GeminiError error = invalid.get();
            exchange.respond(error.code(), Exchange.GOOGLE_JSON, Map.of(),
                    error.body(stream == GeminiRequest.Streaming.JSON_ARRAY));
            return;
        }
        GeminiRequest parsed = GeminiRequest.of(model, stream, json);
        responder.answer(exchange, new GeminiFormat(parsed, exchange.sequence(), signatures), parsed.lastUserText());
    }

    private void embed(String model, JsonNode json, boolean batch, Exchange exchange) {
        Optional<GeminiError> invalid = GeminiEmbeddings.validate(model, json, batch);
        if (invalid.isPresent()) {
            sendError(exchange, invalid.get());
            return;
        }
        responder.answer(exchange, new GeminiEmbeddings(model, json, batch), "");
    }

    private static void countTokens(String model, JsonNode json, Exchange exchange) {
        if (!json.isObject()) {
            sendError(exchange, GeminiError.invalidArgument("Invalid JSON payload received. Unexpected token."));
            return;
        }
        JsonNode wrapped = GeminiRequest.field(json, "generateContentRequest", "generate_content_request");
        JsonNode request = wrapped.isObject() ? wrapped : json;
        if (!request.path("contents").isArray()) {
            sendError(exchange, GeminiError.invalidArgument("* CountTokensRequest.contents: contents is not specified\n"));
            return;
        }
        int tokens = GeminiRequest.of(model, GeminiRequest.Streaming.NONE, request).promptTokens();
        ObjectNode count = JsonText.MAPPER.createObjectNode().put("totalTokens", tokens);
        count.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", tokens);
        respond(exchange, count);
    }

    private static ObjectNode model(String id) {
        ObjectNode model = JsonText.MAPPER.createObjectNode()
                .put("name", id.startsWith("models/") ? id : "models/" + id)
                .put("version", "001").put("displayName", "Mock Model").put("description", "The mock upstream's model.")
                .put("inputTokenLimit", 1_048_576).put("outputTokenLimit", 65_536);
        ArrayNode methods = model.putArray("supportedGenerationMethods");
        for (String method : new String[] {"generateContent", "countTokens", "embedContent", "batchEmbedContents"}) {
            methods.add(method);
        }
        return model.put("temperature", 1).put("topP", 0.95).put("topK", 64).put("maxTemperature", 2).put("thinking", true);
    }

    private static void respond(Exchange exchange, ObjectNode body) {
        exchange.respond(200, Exchange.GOOGLE_JSON, Map.of(), JsonText.buffer(body));
    }

    private static void sendError(Exchange exchange, GeminiError error) {
        Buffer body = error.body(false);
        exchange.respond(error.code(), Exchange.GOOGLE_JSON, Map.of(), body);
    }
}
