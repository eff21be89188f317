package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google's image answers: Gemini's image output ({@code :generateContent} with {@code
 * generationConfig.responseModalities: ["IMAGE"]}: one candidate per {@code candidateCount}, each a text part and an
 * {@code inlineData} PNG part, 1290 output tokens per image as Gemini bills them) and Imagen ({@code :predict}: one
 * {@code predictions[].bytesBase64Encoded} per {@code parameters.sampleCount}). The bytes are
 * {@link OpenAiImages#imageBytes} of the model, the prompt and the index. Any completing behaviour makes the
 * images; error statuses and timing apply as for chat.
 *
 * @param model the model asked for
 * @param prompt the prompt (the first text part, or the first instance's prompt)
 * @param count how many images
 * @param imagen whether this is Imagen's {@code :predict}
 */
record GeminiImages(String model, String prompt, int count, boolean imagen) implements GoogleWholeAnswer {

    @Override
    public String whyWhole() {
        return "images are not streamed by Google";
    }

    /** Whether a {@code generateContent} body asks for images. */
    static boolean asksForImages(JsonNode json) {
        for (JsonNode m : json.path("generationConfig").path("responseModalities")) {
            if (m.asString("").equalsIgnoreCase("IMAGE")) {
                return true;
            }
        }
        return false;
    }

    static GeminiImages generateContent(String model, JsonNode json) {
        String prompt = "";
        for (JsonNode part : json.path("contents").path(0).path("parts")) {
            if (part.path("text").isString()) {
                prompt = part.path("text").asString();
                break;
            }
        }
        return new GeminiImages(model, prompt, json.path("generationConfig").path("candidateCount").asInt(1), false);
    }

    static GeminiImages predict(String model, JsonNode json) {
        return new GeminiImages(model, json.path("instances").path(0).path("prompt").asString(""),
                json.path("parameters").path("sampleCount").asInt(1), true);
    }

    private String b64(int index) {
        return Base64.getEncoder().encodeToString(OpenAiImages.imageBytes(model, prompt, index));
    }

    @Override
    public Buffer body(Answer ignored) {
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        if (imagen) {
            ArrayNode predictions = body.putArray("predictions");
            for (int i = 0; i < count; i++) {
                predictions.addObject().put("mimeType", "image/png").put("bytesBase64Encoded", b64(i));
            }
            return JsonText.buffer(body);
        }
        ArrayNode candidates = body.putArray("candidates");
        for (int i = 0; i < count; i++) {
            ObjectNode candidate = candidates.addObject().put("index", i).put("finishReason", "STOP");
            ArrayNode parts = candidate.putObject("content").put("role", "model").putArray("parts");
            parts.addObject().put("text", "Here is your image.");
            parts.addObject().putObject("inlineData").put("mimeType", "image/png").put("data", b64(i));
        }
        body.putObject("usageMetadata").put("promptTokenCount", 12).put("candidatesTokenCount", 1290 * count)
                .put("totalTokenCount", 12 + 1290 * count);
        body.put("modelVersion", model);
        return JsonText.buffer(body);
    }

}
