package dev.junction.dialect.responses;

import static dev.junction.json.Json.optString;
import static dev.junction.json.Json.requireString;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.MediaSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Content parts of input messages and tool outputs, in both directions: {@code input_text}, {@code output_text},
 * {@code refusal}, {@code input_image} (URL, data URL or {@code file_id}) and {@code input_file} ({@code file_data},
 * {@code file_url} or {@code file_id}). Parts of other types are kept as {@link ContentPart.Opaque} of
 * {@link Dialect#OPENAI_RESPONSES}.
 */
final class ResponsesContent {

    private ResponsesContent() {}

    /** A {@code content} (or tool {@code output}) field: a string or an array of parts. */
    static List<ContentPart> read(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            throw GatewayException.invalid(path, "Missing required parameter: '" + path + "'.");
        }
        if (content.isString()) {
            return List.of(new ContentPart.Text(content.stringValue()));
        }
        if (!content.isArray()) {
            throw GatewayException.invalid(path, "Invalid type for '" + path + "': expected a string or an array "
                    + "of content parts.");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            parts.add(readPart(content.get(i), path + "[" + i + "]"));
        }
        return parts;
    }

    private static ContentPart readPart(JsonNode part, String path) {
        if (!part.isObject()) {
            throw GatewayException.invalid(path, "Invalid type for '" + path + "': expected an object.");
        }
        String type = requireString(part, "type", path + ".type");
        return switch (type) {
            case "input_text", "output_text" -> new ContentPart.Text(requireString(part, "text", path + ".text"));
            case "refusal" -> new ContentPart.Refusal(requireString(part, "refusal", path + ".refusal"));
            case "input_image" -> new ContentPart.Image(imageSource(part, path),
                    optString(part, "detail", path + ".detail"));
            case "input_file" -> new ContentPart.Document(fileSource(part, path),
                    optString(part, "filename", path + ".filename"));
            default -> new ContentPart.Opaque(Dialect.OPENAI_RESPONSES, part);
        };
    }

    private static MediaSource imageSource(JsonNode part, String path) {
        Optional<String> url = optString(part, "image_url", path + ".image_url");
        if (url.isPresent()) {
            return MediaSource.fromUrlField(url.get());
        }
        return new MediaSource.FileRef(optString(part, "file_id", path + ".file_id").orElseThrow(() ->
                GatewayException.invalid(path + ".image_url", "Missing required parameter: '" + path
                        + ".image_url' (or '" + path + ".file_id').")));
    }

    private static MediaSource fileSource(JsonNode part, String path) {
        Optional<String> data = optString(part, "file_data", path + ".file_data");
        if (data.isPresent()) {
            return MediaSource.fromUrlField(data.get());
        }
        Optional<String> url = optString(part, "file_url", path + ".file_url");
        if (url.isPresent()) {
            return new MediaSource.Url(url.get());
        }
        return new MediaSource.FileRef(optString(part, "file_id", path + ".file_id").orElseThrow(() ->
                GatewayException.invalid(path + ".file_data", "Missing required parameter: '" + path
                        + ".file_data' (or '" + path + ".file_url', '" + path + ".file_id').")));
    }

    /**
     * Input parts for an upstream: a single text as a plain string, the form clients send most. Refusals become
     * text; other dialects' opaque blocks are left out and named in {@code dropped}.
     *
     * @throws GatewayException for audio, which the Responses API does not take as input
     */
    static JsonNode write(List<ContentPart> parts, Set<String> dropped) {
        if (parts.size() == 1 && parts.getFirst() instanceof ContentPart.Text t) {
            return Json.MAPPER.getNodeFactory().stringNode(t.text());
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ContentPart part : parts) {
            switch (part) {
                case ContentPart.Text t -> out.addObject().put("type", "input_text").put("text", t.text());
                case ContentPart.Refusal r -> out.addObject().put("type", "input_text").put("text", r.text());
                case ContentPart.Image img -> out.add(image(img));
                case ContentPart.Document d -> out.add(file(d));
                case ContentPart.Audio a -> throw new GatewayException(new GatewayError.InvalidRequest(
                        "OpenAI Responses models do not accept audio input.", Optional.of("messages"),
                        Optional.of("unsupported_content")));
                case ContentPart.Opaque o when o.dialect() == Dialect.OPENAI_RESPONSES -> out.add(o.raw());
                case ContentPart.Opaque o -> dropped.add(o.raw().path("type").asString("content"));
                case ContentPart.ToolCall c -> { /* written as function_call items */ }
                case ContentPart.ToolResult r -> { /* written as function_call_output items */ }
                case ContentPart.Thinking t -> { /* written as reasoning items */ }
            }
        }
        return out;
    }

    private static ObjectNode image(ContentPart.Image img) {
        ObjectNode part = Json.object().put("type", "input_image");
        if (img.source() instanceof MediaSource.FileRef ref) {
            part.put("file_id", ref.id());
        } else {
            part.put("image_url", img.source().toUrlField());
        }
        return part.put("detail", img.detail().orElse("auto"));
    }

    private static ObjectNode file(ContentPart.Document d) {
        ObjectNode part = Json.object().put("type", "input_file");
        switch (d.source()) {
            case MediaSource.Base64 b -> part.put("file_data", b.toUrlField())
                    // The API wants a name with inline file data; the extension tells it the type.
                    .put("filename", d.filename().orElse("document" + extension(b.mediaType())));
            case MediaSource.Url u -> part.put("file_url", u.url());
            case MediaSource.FileRef f -> part.put("file_id", f.id());
        }
        if (!part.has("filename")) {
            d.filename().ifPresent(f -> part.put("filename", f));
        }
        return part;
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "application/pdf" -> ".pdf";
            case "text/plain" -> ".txt";
            default -> "";
        };
    }
}
