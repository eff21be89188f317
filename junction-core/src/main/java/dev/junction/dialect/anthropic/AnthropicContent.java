package dev.junction.dialect.anthropic;

import static dev.junction.json.Json.optBoolean;
import static dev.junction.json.Json.optString;
import static dev.junction.json.Json.requireString;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.MediaSource;
import dev.junction.model.ThoughtSignature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Content blocks of a request, in both directions. Blocks the canonical model has no part for (server-tool blocks,
 * {@code search_result}, {@code container_upload}, documents made of content blocks, unknown types) are kept as
 * {@link ContentPart.Opaque} of {@link Dialect#ANTHROPIC}. Per-block extras such as {@code cache_control} and
 * {@code citations} have no canonical field and are not kept: the same-dialect fast path never maps the body.
 */
final class AnthropicContent {

    /** The only image types the API accepts. */
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private AnthropicContent() {}

    /** Reads a {@code content} field: a string or an array of blocks. */
    static List<ContentPart> read(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            throw GatewayException.invalid(path, path + ": Field required");
        }
        if (content.isString()) {
            return List.of(new ContentPart.Text(content.stringValue()));
        }
        if (!content.isArray()) {
            throw GatewayException.invalid(path, path + ": Input should be a valid string or a list of blocks");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            parts.add(readBlock(content.get(i), path + "." + i));
        }
        return parts;
    }

    static ContentPart readBlock(JsonNode block, String path) {
        if (!block.isObject()) {
            throw GatewayException.invalid(path, path + ": Input should be an object");
        }
        String type = requireString(block, "type", path + ".type");
        return switch (type) {
            case "text" -> new ContentPart.Text(requireString(block, "text", path + ".text"));
            case "image" -> new ContentPart.Image(readImageSource(block.get("source"), path + ".source"),
                    Optional.empty());
            case "document" -> readDocument(block, path);
            case "tool_use" -> {
                JsonNode input = block.get("input");
                if (input == null || !input.isObject()) {
                    throw GatewayException.invalid(path + ".input", path + ".input: Input should be an object");
                }
                yield new ContentPart.ToolCall(requireString(block, "id", path + ".id"),
                        requireString(block, "name", path + ".name"), Json.write(input));
            }
            case "tool_result" -> new ContentPart.ToolResult(requireString(block, "tool_use_id", path + ".tool_use_id"),
                    readResultContent(block.get("content"), path + ".content"),
                    optBoolean(block, "is_error", path + ".is_error").orElse(false));
            case "thinking" -> new ContentPart.Thinking(requireString(block, "thinking", path + ".thinking"),
                    Optional.of(ThoughtSignature.fromClient(Dialect.ANTHROPIC,
                            requireString(block, "signature", path + ".signature"))), false);
            case "redacted_thinking" -> new ContentPart.Thinking("", Optional.of(ThoughtSignature.fromClient(
                    Dialect.ANTHROPIC, requireString(block, "data", path + ".data"))), true);
            default -> new ContentPart.Opaque(Dialect.ANTHROPIC, block);
        };
    }

    private static List<ContentPart> readResultContent(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            return List.of();
        }
        return read(content, path);
    }

    private static MediaSource readImageSource(JsonNode source, String path) {
        String type = sourceType(source, path);
        return switch (type) {
            case "base64" -> {
                String mediaType = requireString(source, "media_type", path + ".media_type");
                if (!IMAGE_TYPES.contains(mediaType)) {
                    throw GatewayException.invalid(path + ".media_type", path + ".media_type: Input should be "
                            + "'image/jpeg', 'image/png', 'image/gif' or 'image/webp'");
                }
                yield new MediaSource.Base64(mediaType, requireString(source, "data", path + ".data"));
            }
            case "url" -> new MediaSource.Url(requireString(source, "url", path + ".url"));
            case "file" -> new MediaSource.FileRef(requireString(source, "file_id", path + ".file_id"));
            default -> throw GatewayException.invalid(path + ".type", path + ".type: Input should be 'base64', "
                    + "'url' or 'file'");
        };
    }

    private static ContentPart readDocument(JsonNode block, String path) {
        JsonNode source = block.get("source");
        String sourcePath = path + ".source";
        Optional<String> title = optString(block, "title", path + ".title");
        MediaSource media = switch (sourceType(source, sourcePath)) {
            case "base64" -> new MediaSource.Base64(requireString(source, "media_type", sourcePath + ".media_type"),
                    requireString(source, "data", sourcePath + ".data"));
            // Plain text travels as base64 text/plain, the form the other dialects have for inline files.
            case "text" -> new MediaSource.Base64("text/plain", Base64.getEncoder().encodeToString(
                    requireString(source, "data", sourcePath + ".data").getBytes(StandardCharsets.UTF_8)));
            case "url" -> new MediaSource.Url(requireString(source, "url", sourcePath + ".url"));
            case "file" -> new MediaSource.FileRef(requireString(source, "file_id", sourcePath + ".file_id"));
            case "content" -> null;
            default -> throw GatewayException.invalid(sourcePath + ".type", sourcePath + ".type: Input should be "
                    + "'base64', 'text', 'content', 'url' or 'file'");
        };
        return media == null ? new ContentPart.Opaque(Dialect.ANTHROPIC, block)
                : new ContentPart.Document(media, title);
    }

    private static String sourceType(JsonNode source, String path) {
        if (source == null || !source.isObject()) {
            throw GatewayException.invalid(path, path + ": Field required");
        }
        return requireString(source, "type", path + ".type");
    }

    /**
     * Writes one part as a block for an Anthropic upstream, or nothing when the part cannot be sent: empty text,
     * another provider's reasoning, another dialect's opaque block (named in {@code dropped}).
     *
     * @throws GatewayException for audio and for media the API does not accept
     */
    static Optional<ObjectNode> writeBlock(ContentPart part, Set<String> dropped) {
        return switch (part) {
            case ContentPart.Text t -> text(t.text());
            case ContentPart.Refusal r -> text(r.text());
            case ContentPart.Image img -> Optional.of(image(img.source()));
            case ContentPart.Document d -> Optional.of(document(d));
            case ContentPart.Audio a -> throw refuse("Anthropic models do not accept audio input.");
            case ContentPart.ToolCall call -> Optional.of(toolUse(call, dropped));
            case ContentPart.ToolResult result -> Optional.of(toolResult(result, dropped));
            case ContentPart.Thinking th -> thinking(th);
            case ContentPart.Opaque o -> {
                if (o.dialect() == Dialect.ANTHROPIC && o.raw() instanceof ObjectNode raw) {
                    yield Optional.of(raw);
                }
                dropped.add(o.raw().path("type").asString("content"));
                yield Optional.empty();
            }
        };
    }

    /** Tool ids must match {@code ^[a-zA-Z0-9_-]+$}; calls and results are normalised the same way. */
    static String toolId(String id) {
        return id.replaceAll("[^a-zA-Z0-9_-]", "_");
    }

    private static Optional<ObjectNode> text(String text) {
        // The API rejects empty text blocks; OpenAI clients send "" next to tool calls.
        return text.isEmpty() ? Optional.empty() : Optional.of(Json.object().put("type", "text").put("text", text));
    }

    private static ObjectNode image(MediaSource source) {
        ObjectNode block = Json.object().put("type", "image");
        ObjectNode src = block.putObject("source");
        switch (source) {
            case MediaSource.Base64 b -> {
                String mediaType = b.mediaType().equals("image/jpg") ? "image/jpeg" : b.mediaType();
                if (!IMAGE_TYPES.contains(mediaType)) {
                    throw refuse("Anthropic models accept only JPEG, PNG, GIF and WebP images (got " + mediaType
                            + ").");
                }
                src.put("type", "base64").put("media_type", mediaType).put("data", b.data());
            }
            case MediaSource.Url u -> src.put("type", "url").put("url", u.url());
            case MediaSource.FileRef f -> src.put("type", "file").put("file_id", f.id());
        }
        return block;
    }

    private static ObjectNode document(ContentPart.Document d) {
        ObjectNode block = Json.object().put("type", "document");
        ObjectNode src = block.putObject("source");
        switch (d.source()) {
            case MediaSource.Base64 b when b.mediaType().equals("application/pdf") ->
                    src.put("type", "base64").put("media_type", b.mediaType()).put("data", b.data());
            case MediaSource.Base64 b when b.mediaType().startsWith("text/plain") ->
                    src.put("type", "text").put("media_type", "text/plain").put("data", decodeText(b.data()));
            case MediaSource.Base64 b -> throw refuse("Anthropic models accept only PDF and plain-text documents "
                    + "(got " + b.mediaType() + ").");
            case MediaSource.Url u -> src.put("type", "url").put("url", u.url());
            case MediaSource.FileRef f -> src.put("type", "file").put("file_id", f.id());
        }
        d.filename().ifPresent(name -> block.put("title", name));
        return block;
    }

    private static String decodeText(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refuse("A plain-text document is not valid base64.");
        }
    }

    private static ObjectNode toolUse(ContentPart.ToolCall call, Set<String> dropped) {
        ObjectNode block = Json.object().put("type", "tool_use").put("id", toolId(call.id())).put("name", call.name());
        block.set("input", arguments(call.arguments(), dropped));
        return block;
    }

    /**
     * A tool call's JSON text as the object Anthropic wants. Models sometimes emit invalid JSON: the call is sent
     * with {@code {}} and {@code tool_calls.arguments} is reported dropped (translation rules §6.1).
     */
    private static JsonNode arguments(String arguments, Set<String> dropped) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        Optional<JsonNode> parsed = Json.tryParse(arguments);
        if (parsed.isPresent() && parsed.get().isObject()) {
            return parsed.get();
        }
        dropped.add("tool_calls.arguments");
        return Json.object();
    }

    private static ObjectNode toolResult(ContentPart.ToolResult result, Set<String> dropped) {
        ObjectNode block = Json.object().put("type", "tool_result").put("tool_use_id", toolId(result.toolCallId()));
        List<ObjectNode> inner = new ArrayList<>();
        for (ContentPart part : result.content()) {
            writeBlock(part, dropped).ifPresent(inner::add);
        }
        if (inner.size() == 1 && isPlainText(inner.getFirst())) {
            block.put("content", inner.getFirst().get("text").stringValue());
        } else if (!inner.isEmpty()) {
            ArrayNode content = block.putArray("content");
            inner.forEach(content::add);
        }
        if (result.isError()) {
            block.put("is_error", true);
        }
        return block;
    }

    private static Optional<ObjectNode> thinking(ContentPart.Thinking th) {
        // Only Anthropic's own signatures verify; other providers' reasoning is theirs to keep.
        Optional<String> signature = th.signature()
                .flatMap(s -> ThoughtSignature.forUpstream(Dialect.ANTHROPIC, s))
                .filter(s -> !s.isEmpty());
        if (signature.isEmpty()) {
            return Optional.empty();
        }
        if (th.redacted()) {
            return Optional.of(Json.object().put("type", "redacted_thinking").put("data", signature.get()));
        }
        return Optional.of(Json.object().put("type", "thinking").put("thinking", th.text())
                .put("signature", signature.get()));
    }

    /** Whether a block is a bare text block, which a content field may carry as a plain string. */
    static boolean isPlainText(JsonNode block) {
        return block.size() == 2 && "text".equals(block.path("type").asString("")) && block.path("text").isString();
    }

    private static GatewayException refuse(String message) {
        return new GatewayException(new GatewayError.InvalidRequest(message, Optional.of("messages"),
                Optional.of("unsupported_content")));
    }
}
