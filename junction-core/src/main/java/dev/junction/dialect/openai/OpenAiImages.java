package dev.junction.dialect.openai;

import dev.junction.image.GeneratedImage;
import dev.junction.image.ImageFile;
import dev.junction.image.ImageRequest;
import dev.junction.image.ImageResponse;
import dev.junction.image.ImageTask;
import dev.junction.json.Json;
import dev.junction.model.GatewayException;
import dev.junction.model.Usage;
import dev.junction.upstream.MultipartBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's Images API both ways ({@code /images/generations} as JSON, {@code /images/edits} and
 * {@code /images/variations} as multipart forms): the client's request to canonical, canonical to the upstream's
 * body, the upstream's answer to canonical and canonical to the client's answer. Stateless.
 */
public final class OpenAiImages {

    /** The fields a request may carry (unknown ones are a 400, as OpenAI answers them). */
    static final Set<String> FIELDS = Set.of("model", "prompt", "n", "size", "quality", "response_format",
            "background", "output_format", "output_compression", "style", "moderation", "input_fidelity", "user",
            "stream", "partial_images", "image", "image[]", "mask");

    private OpenAiImages() {}

    /** A client's generation body. Throws {@link GatewayException} naming the bad field. */
    public static ImageRequest generation(ObjectNode body) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!e.getValue().isNull()) {
                fields.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
            }
        }
        return of(ImageTask.GENERATE, fields, List.of(), Optional.empty());
    }

    /**
     * A client's request from its fields (a JSON body's scalars, or a form's text fields) and uploaded files.
     * Throws {@link GatewayException} naming the bad field.
     */
    public static ImageRequest of(ImageTask task, Map<String, String> fields, List<ImageFile> images,
                                  Optional<ImageFile> mask) {
        for (String name : fields.keySet()) {
            if (!FIELDS.contains(name)) {
                throw GatewayException.invalid(name, "Unrecognized request argument supplied: " + name);
            }
        }
        String model = Optional.ofNullable(fields.get("model")).filter(m -> !m.isBlank()).orElseThrow(() ->
                GatewayException.invalid("model", "Missing required parameter: 'model'."));
        String prompt = fields.getOrDefault("prompt", "");
        if (task != ImageTask.VARIATION && prompt.isBlank()) {
            throw GatewayException.invalid("prompt", "Missing required parameter: 'prompt'.");
        }
        if (task != ImageTask.GENERATE && images.isEmpty()) {
            throw GatewayException.invalid("image", "Missing required parameter: 'image' (upload one or more files).");
        }
        int n = integer(fields, "n", 1, ImageRequest.MAX_IMAGES).orElse(1);
        String format = fields.getOrDefault("response_format", "b64_json");
        if (!format.equals("b64_json") && !format.equals("url")) {
            throw GatewayException.invalid("response_format", "Invalid 'response_format': expected 'b64_json' or "
                    + "'url', got '" + format + "'.");
        }
        boolean stream = Boolean.parseBoolean(fields.getOrDefault("stream", "false"));
        return new ImageRequest(task, model, prompt, n, text(fields, "size"), text(fields, "quality"),
                format.equals("url"), text(fields, "background"), text(fields, "output_format"),
                integer(fields, "output_compression", 0, 100), text(fields, "style"), text(fields, "moderation"),
                text(fields, "input_fidelity"), text(fields, "user"), stream, integer(fields, "partial_images", 0, 3),
                images, mask);
    }

    private static Optional<String> text(Map<String, String> fields, String name) {
        return Optional.ofNullable(fields.get(name)).filter(v -> !v.isBlank());
    }

    private static OptionalInt integer(Map<String, String> fields, String name, int min, int max) {
        String v = fields.get(name);
        if (v == null || v.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(v.strip());
            if (value >= min && value <= max) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw GatewayException.invalid(name, "Invalid '" + name + "': expected an integer from " + min + " to " + max
                + ", got " + v + ".");
    }

    /** The upstream's JSON body of a generation, for {@code upstreamModel}. */
    public static ObjectNode upstreamJson(ImageRequest r, String upstreamModel) {
        ObjectNode body = Json.object().put("model", upstreamModel).put("prompt", r.prompt()).put("n", r.n());
        r.size().ifPresent(v -> body.put("size", v));
        r.quality().ifPresent(v -> body.put("quality", v));
        // gpt-image models take no response_format (base64 only; a URL request gets data: URLs from fromCanonical);
        // DALL·E answers URLs unless told otherwise
        if (!upstreamModel.startsWith("gpt-image")) {
            body.put("response_format", r.urls() ? "url" : "b64_json");
        }
        r.background().ifPresent(v -> body.put("background", v));
        r.outputFormat().ifPresent(v -> body.put("output_format", v));
        r.outputCompression().ifPresent(v -> body.put("output_compression", v));
        r.style().ifPresent(v -> body.put("style", v));
        r.moderation().ifPresent(v -> body.put("moderation", v));
        r.user().ifPresent(v -> body.put("user", v));
        if (r.stream()) {
            body.put("stream", true);
            r.partialImages().ifPresent(v -> body.put("partial_images", v));
        }
        return body;
    }

    /** The upstream's multipart body of an edit or a variation, for {@code upstreamModel}. */
    public static MultipartBody upstreamForm(ImageRequest r, String upstreamModel) {
        ObjectNode json = upstreamJson(r, upstreamModel);
        MultipartBody form = new MultipartBody();
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            if (r.task() == ImageTask.VARIATION && e.getKey().equals("prompt")) {
                continue;
            }
            form.field(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
        }
        r.inputFidelity().ifPresent(v -> form.field("input_fidelity", v));
        String name = r.images().size() > 1 ? "image[]" : "image";
        for (ImageFile image : r.images()) {
            form.file(name, image.fileName(), image.contentType(), image.bytes());
        }
        r.mask().ifPresent(m -> form.file("mask", m.fileName(), m.contentType(), m.bytes()));
        return form;
    }

    /** An upstream's (or a stream's completed event's) answer. */
    public static ImageResponse upstreamResponse(JsonNode reply) {
        List<GeneratedImage> images = new ArrayList<>();
        for (JsonNode item : reply.path("data")) {
            images.add(new GeneratedImage(optional(item, "b64_json"), optional(item, "url"),
                    optional(item, "revised_prompt")));
        }
        String format = reply.path("output_format").asString("png");
        return new ImageResponse(reply.path("created").asLong(System.currentTimeMillis() / 1000), images,
                usage(reply.path("usage")), optional(reply, "size"), optional(reply, "quality"),
                optional(reply, "background"), optional(reply, "output_format"),
                Optional.of("image/" + (format.equals("jpg") ? "jpeg" : format)));
    }

    /** The usage of a gpt-image answer ({@code input_tokens}, {@code output_tokens}); zero when there is none. */
    public static Usage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return Usage.ZERO;
        }
        return new Usage(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0), 0, 0, 0);
    }

    private static Optional<String> optional(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isString() ? Optional.of(v.asString()) : Optional.empty();
    }

    /**
     * The client's answer. An upstream that gave bytes where the client asked for URLs answers {@code data:} URLs;
     * one that gave URLs where the client asked for base64 passes the URLs on (the gateway never fetches them).
     */
    public static ObjectNode fromCanonical(ImageResponse response, boolean urls) {
        ObjectNode body = Json.object().put("created", response.created());
        ArrayNode data = body.putArray("data");
        String mime = response.mimeType().orElse("image/png");
        for (GeneratedImage image : response.images()) {
            ObjectNode item = data.addObject();
            if (urls) {
                image.url().or(() -> image.b64Json().map(b64 -> "data:" + mime + ";base64," + b64))
                        .ifPresent(u -> item.put("url", u));
            } else {
                image.b64Json().ifPresentOrElse(b -> item.put("b64_json", b),
                        () -> image.url().ifPresent(u -> item.put("url", u)));
            }
            image.revisedPrompt().ifPresent(p -> item.put("revised_prompt", p));
        }
        response.background().ifPresent(v -> body.put("background", v));
        response.outputFormat().ifPresent(v -> body.put("output_format", v));
        response.size().ifPresent(v -> body.put("size", v));
        response.quality().ifPresent(v -> body.put("quality", v));
        Usage u = response.usage();
        if (u.totalTokens() > 0) {
            body.putObject("usage").put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens())
                    .put("total_tokens", u.inputTokens() + u.outputTokens());
        }
        return body;
    }
}
