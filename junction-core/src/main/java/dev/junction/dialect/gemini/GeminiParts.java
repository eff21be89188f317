package dev.junction.dialect.gemini;

import static dev.junction.dialect.gemini.GeminiJson.get;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayException;
import dev.junction.model.MediaSource;
import dev.junction.model.ThoughtSignature;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one Gemini {@code Part} into canonical parts; shared by the request and response mappers. A part carries
 * exactly one data field ({@code text}, {@code inlineData}, …) plus optional metadata. A {@code thoughtSignature} on
 * a thought part stays with that thought; on any other part it becomes an empty {@link ContentPart.Thinking} holding
 * the tagged signature, placed right before the part, which is how signatures ride through the canonical form and
 * find their part again on the way back.
 */
final class GeminiParts {

    /** Part fields that carry data; a part has exactly one. */
    static final Set<String> DATA = Set.of("text", "inlineData", "fileData", "functionCall", "functionResponse",
            "executableCode", "codeExecutionResult");

    /** Part fields that qualify the data. */
    private static final Set<String> METADATA = Set.of("thought", "thoughtSignature", "videoMetadata",
            "mediaResolution", "partMetadata");

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private GeminiParts() {}

    /**
     * The (camelCase) data field of a part; empty for a part of an unknown kind, which is kept opaque. A part with
     * no data field at all is a 400 when {@code strict} (a client's part); an upstream's is tolerated (empty).
     */
    static Optional<String> dataKey(JsonNode part, String path, boolean strict) {
        if (!part.isObject()) {
            throw GatewayException.invalid(path, "Invalid value at '" + path + "': expected a Part object.");
        }
        String found = null;
        boolean unknown = false;
        for (String name : part.propertyNames()) {
            String field = GeminiJson.camel(name);
            if (DATA.contains(field)) {
                if (found != null) {
                    throw GatewayException.invalid(path, "Invalid value at '" + path + "': oneof field 'data' is "
                            + "already set. Cannot set '" + field + "'.");
                }
                found = field;
            } else if (!METADATA.contains(field)) {
                unknown = true;
            }
        }
        if (found == null && !unknown && strict) {
            throw GatewayException.invalid(path, "Invalid value at '" + path + "': required oneof field 'data' must "
                    + "have one initialized field.");
        }
        return Optional.ofNullable(found);
    }

    /**
     * Appends the canonical form of a part other than a {@code functionResponse}: its signature (as an empty
     * thinking part) then its content. Media parts with extra metadata and unknown kinds stay {@link
     * ContentPart.Opaque}, signature included.
     *
     * @param fromClient whether a client sent the part (signatures may already be tagged) or Gemini did
     * @param newCallId the id for a {@code functionCall} that has none
     */
    static void read(JsonNode part, String path, boolean fromClient, Supplier<String> newCallId,
                     List<ContentPart> out) {
        Optional<String> key = dataKey(part, path, fromClient);
        ContentPart content = key.map(k -> content(part, k, path, newCallId)).orElse(null);
        boolean unknownKind = key.isEmpty() && !onlyMetadata(part);
        if (unknownKind || key.isPresent() && content == null) {
            out.add(new ContentPart.Opaque(Dialect.GEMINI, part)); // its signature stays inside
            return;
        }
        Optional<String> signature = Json.optString(part, GeminiJson.key(part, "thoughtSignature"),
                path + ".thoughtSignature").map(sig -> fromClient ? ThoughtSignature.fromClient(Dialect.GEMINI, sig)
                        : ThoughtSignature.tag(Dialect.GEMINI, sig));
        if (content instanceof ContentPart.Thinking thought && signature.isPresent()) {
            // A thought with its own signature is one block (Anthropic's thinking, shown to a Gemini client, comes
            // back this way and must reach Anthropic whole).
            out.add(new ContentPart.Thinking(thought.text(), signature, false));
            return;
        }
        signature.ifPresent(sig -> out.add(new ContentPart.Thinking("", Optional.of(sig), false)));
        if (content != null) {
            out.add(content);
        }
    }

    private static boolean onlyMetadata(JsonNode part) {
        return part.propertyNames().stream().allMatch(n -> METADATA.contains(GeminiJson.camel(n)));
    }

    /** The canonical part for the data field, or null when it must stay opaque. */
    private static ContentPart content(JsonNode part, String key, String path, Supplier<String> newCallId) {
        JsonNode value = get(part, key);
        String at = path + "." + key;
        return switch (key) {
            case "text" -> {
                String text = Json.requireString(part, GeminiJson.key(part, "text"), at);
                boolean thought = Json.optBoolean(part, "thought", path + ".thought").orElse(false);
                yield thought ? new ContentPart.Thinking(text, Optional.empty(), false) : new ContentPart.Text(text);
            }
            case "inlineData" -> hasExtraMetadata(part) ? null : inlineData(object(value, at), at);
            case "fileData" -> hasExtraMetadata(part) ? null : fileData(object(value, at), at);
            case "functionCall" -> {
                JsonNode call = object(value, at);
                String name = Json.requireString(call, "name", at + ".name");
                JsonNode args = get(call, "args");
                if (args != null && !args.isObject()) {
                    throw GatewayException.invalid(at + ".args", "Invalid value at '" + at + ".args': expected "
                            + "an object.");
                }
                String id = Json.optString(call, "id", at + ".id").filter(s -> !s.isEmpty())
                        .orElseGet(newCallId);
                yield new ContentPart.ToolCall(id, name, Json.write(args == null ? Json.object() : args));
            }
            default -> null; // executableCode, codeExecutionResult: Gemini-only
        };
    }

    private static boolean hasExtraMetadata(JsonNode part) {
        return get(part, "videoMetadata") != null || get(part, "mediaResolution") != null
                || get(part, "partMetadata") != null;
    }

    static JsonNode object(JsonNode value, String path) {
        if (value == null || !value.isObject()) {
            throw GatewayException.invalid(path, "Invalid value at '" + path + "': expected an object.");
        }
        return value;
    }

    private static ContentPart inlineData(JsonNode blob, String path) {
        String mime = Json.requireString(blob, GeminiJson.key(blob, "mimeType"), path + ".mimeType");
        String data = Json.requireString(blob, "data", path + ".data");
        return GeminiMedia.part(mime, new MediaSource.Base64(mime, data)).orElse(null);
    }

    /**
     * A file reference becomes a canonical part only when writing it back yields the same MIME type, so that a
     * Gemini upstream sees exactly what the client sent; otherwise it stays opaque.
     */
    private static ContentPart fileData(JsonNode file, String path) {
        String uri = Json.requireString(file, GeminiJson.key(file, "fileUri"), path + ".fileUri");
        Optional<String> mime = Json.optString(file, GeminiJson.key(file, "mimeType"), path + ".mimeType");
        if (mime.isEmpty()) {
            return null;
        }
        Optional<ContentPart> part = GeminiMedia.part(mime.get(), new MediaSource.Url(uri));
        return part.filter(p -> GeminiMedia.mimeOf(p).equals(mime)).orElse(null);
    }

    /** A fresh id for a call Gemini gave none: {@code call_} and 24 random alphanumerics, as OpenAI's look. */
    static String newCallId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder("call_");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    /** A {@code functionCall} part. */
    static ObjectNode functionCall(String name, ObjectNode args) {
        ObjectNode part = Json.object();
        part.putObject("functionCall").put("name", name).set("args", args);
        return part;
    }
}
