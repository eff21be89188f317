package dev.junction.dialect.gemini;

import dev.junction.image.GeneratedImage;
import dev.junction.image.ImageFile;
import dev.junction.image.ImageRequest;
import dev.junction.image.ImageResponse;
import dev.junction.json.Json;
import dev.junction.model.Usage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Images at Google's Gemini API, both ways: Gemini's image output ({@code generateContent} with
 * {@code responseModalities: ["IMAGE"]}; the images arrive as {@code inlineData} parts, billed as output tokens) and
 * Imagen ({@code :predict} with {@code instances: [{prompt}]} and {@code parameters: {sampleCount}}; the images
 * arrive as {@code predictions[].bytesBase64Encoded}, billed per image). OpenAI sizes map to Google's aspect ratios.
 * Stateless.
 */
public final class GeminiImages {

    private static final Map<String, String> ASPECT_RATIOS = Map.of("1024x1024", "1:1", "256x256", "1:1",
            "512x512", "1:1", "1536x1024", "3:2", "1024x1536", "2:3", "1792x1024", "16:9", "1024x1792", "9:16");

    private GeminiImages() {}

    /** Whether the model is an Imagen model, answered by {@code :predict} rather than {@code generateContent}. */
    public static boolean imagen(String upstreamModel) {
        return upstreamModel.startsWith("imagen");
    }

    private static Optional<String> aspectRatio(ImageRequest r) {
        return r.size().map(ASPECT_RATIOS::get);
    }

    /** The {@code generateContent} body: the prompt and any uploaded images, image output asked for. */
    public static ObjectNode generateContentBody(ImageRequest r) {
        ObjectNode body = Json.object();
        ArrayNode parts = body.putArray("contents").addObject().put("role", "user").putArray("parts");
        parts.addObject().put("text", r.prompt());
        for (ImageFile image : r.images()) {
            parts.addObject().putObject("inlineData").put("mimeType", image.contentType())
                    .put("data", Base64.getEncoder().encodeToString(image.bytes().getBytes()));
        }
        ObjectNode config = body.putObject("generationConfig");
        config.putArray("responseModalities").add("IMAGE");
        if (r.n() > 1) {
            config.put("candidateCount", r.n());
        }
        aspectRatio(r).ifPresent(a -> config.putObject("imageConfig").put("aspectRatio", a));
        return body;
    }

    /** The Imagen {@code :predict} body. */
    public static ObjectNode predictBody(ImageRequest r) {
        ObjectNode body = Json.object();
        body.putArray("instances").addObject().put("prompt", r.prompt());
        ObjectNode parameters = body.putObject("parameters").put("sampleCount", r.n());
        aspectRatio(r).ifPresent(a -> parameters.put("aspectRatio", a));
        return body;
    }

    /** The images of a {@code generateContent} answer, with its tokens. */
    public static ImageResponse fromGenerateContent(JsonNode reply) {
        List<GeneratedImage> images = new ArrayList<>();
        String mime = "image/png";
        for (JsonNode candidate : reply.path("candidates")) {
            for (JsonNode part : candidate.path("content").path("parts")) {
                JsonNode inline = part.has("inlineData") ? part.path("inlineData") : part.path("inline_data");
                if (inline.path("data").isString()) {
                    images.add(GeneratedImage.ofBase64(inline.path("data").asString()));
                    mime = inline.path("mimeType").asString(inline.path("mime_type").asString(mime));
                }
            }
        }
        JsonNode meta = reply.path("usageMetadata");
        Usage usage = new Usage(meta.path("promptTokenCount").asLong(0), meta.path("candidatesTokenCount").asLong(0),
                0, 0, 0);
        return new ImageResponse(System.currentTimeMillis() / 1000, images, usage, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(mime.substring(mime.indexOf('/') + 1)),
                Optional.of(mime));
    }

    /** The images of an Imagen answer (billed per image: no tokens). */
    public static ImageResponse fromPredict(JsonNode reply) {
        List<GeneratedImage> images = new ArrayList<>();
        String mime = "image/png";
        for (JsonNode prediction : reply.path("predictions")) {
            if (prediction.path("bytesBase64Encoded").isString()) {
                images.add(GeneratedImage.ofBase64(prediction.path("bytesBase64Encoded").asString()));
                mime = prediction.path("mimeType").asString(mime);
            }
        }
        return new ImageResponse(System.currentTimeMillis() / 1000, images, Usage.ZERO, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(mime.substring(mime.indexOf('/') + 1)),
                Optional.of(mime));
    }
}
