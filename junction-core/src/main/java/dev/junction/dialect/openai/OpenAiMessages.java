package dev.junction.dialect.openai;

import static dev.junction.json.Json.optString;
import static dev.junction.json.Json.requireString;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayException;
import dev.junction.model.MediaSource;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.ThoughtSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Maps the {@code messages} array of Chat Completions, in both directions. */
final class OpenAiMessages {

    private OpenAiMessages() {}

    static List<Message> read(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw GatewayException.invalid("messages", "Missing required parameter: 'messages'.");
        }
        if (!messages.isArray()) {
            throw GatewayException.invalid("messages", "Invalid type for 'messages': expected an array.");
        }
        if (messages.isEmpty()) {
            throw new GatewayException(new dev.junction.model.GatewayError.InvalidRequest(
                    "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty "
                            + "array instead.", Optional.of("messages"), Optional.of("empty_array")));
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(readMessage(messages.get(i), "messages[" + i + "]"));
        }
        return out;
    }

    private static Message readMessage(JsonNode m, String path) {
        if (!m.isObject()) {
            throw GatewayException.invalid(path, "Invalid type for '" + path + "': expected an object.");
        }
        String roleName = requireString(m, "role", path + ".role");
        Optional<String> name = optString(m, "name", path + ".name");
        return switch (roleName) {
            case "system" -> new Message(Role.SYSTEM, readContent(m.get("content"), path, true), name);
            case "developer" -> new Message(Role.DEVELOPER, readContent(m.get("content"), path, true), name);
            case "user" -> new Message(Role.USER, readContent(m.get("content"), path, true), name);
            case "assistant" -> readAssistant(m, path, name);
            case "tool" -> {
                String callId = ThoughtSignature.splitId(requireString(m, "tool_call_id", path + ".tool_call_id"))
                        .getKey();
                List<ContentPart> content = readContent(m.get("content"), path, true);
                yield new Message(Role.TOOL, List.of(new ContentPart.ToolResult(callId, content, false)), name);
            }
            default -> throw GatewayException.invalid(path + ".role", "Invalid value for '" + path + ".role': '"
                    + roleName + "'. Supported values are: 'system', 'developer', 'user', 'assistant', and 'tool'.");
        };
    }

    private static Message readAssistant(JsonNode m, String path, Optional<String> name) {
        List<ContentPart> parts = new ArrayList<>(readContent(m.get("content"), path, false));
        optString(m, "refusal", path + ".refusal").ifPresent(r -> parts.add(new ContentPart.Refusal(r)));
        JsonNode calls = m.get("tool_calls");
        if (calls != null && !calls.isNull()) {
            if (!calls.isArray()) {
                throw GatewayException.invalid(path + ".tool_calls", "Invalid type for '" + path
                        + ".tool_calls': expected an array.");
            }
            for (int i = 0; i < calls.size(); i++) {
                JsonNode call = calls.get(i);
                String callPath = path + ".tool_calls[" + i + "]";
                if (!"function".equals(call.path("type").asString("function"))) {
                    parts.add(new ContentPart.Opaque(Dialect.OPENAI_CHAT, call));
                    continue;
                }
                JsonNode fn = call.path("function");
                var id = ThoughtSignature.splitId(requireString(call, "id", callPath + ".id"));
                id.getValue().ifPresent(sig -> parts.add(new ContentPart.Thinking("", Optional.of(sig), false)));
                parts.add(new ContentPart.ToolCall(id.getKey(),
                        requireString(fn, "name", callPath + ".function.name"),
                        optString(fn, "arguments", callPath + ".function.arguments").orElse("")));
            }
        }
        return new Message(Role.ASSISTANT, parts, name);
    }

    private static List<ContentPart> readContent(JsonNode content, String path, boolean required) {
        if (content == null || content.isNull()) {
            if (required) {
                throw GatewayException.invalid(path + ".content", "Missing required parameter: '" + path
                        + ".content'.");
            }
            return List.of();
        }
        if (content.isString()) {
            return List.of(new ContentPart.Text(content.stringValue()));
        }
        if (!content.isArray()) {
            throw GatewayException.invalid(path + ".content", "Invalid type for '" + path
                    + ".content': expected a string or an array of content parts.");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            parts.add(readPart(content.get(i), path + ".content[" + i + "]"));
        }
        return parts;
    }

    private static ContentPart readPart(JsonNode part, String path) {
        String type = requireString(part, "type", path + ".type");
        return switch (type) {
            case "text" -> new ContentPart.Text(requireString(part, "text", path + ".text"));
            case "refusal" -> new ContentPart.Refusal(requireString(part, "refusal", path + ".refusal"));
            case "image_url" -> {
                JsonNode image = part.path("image_url");
                String url = requireString(image, "url", path + ".image_url.url");
                yield new ContentPart.Image(MediaSource.fromUrlField(url),
                        optString(image, "detail", path + ".image_url.detail"));
            }
            case "input_audio" -> {
                JsonNode audio = part.path("input_audio");
                String format = requireString(audio, "format", path + ".input_audio.format");
                yield new ContentPart.Audio(new MediaSource.Base64("audio/" + format,
                        requireString(audio, "data", path + ".input_audio.data")), format);
            }
            case "file" -> readFile(part.path("file"), path);
            default -> new ContentPart.Opaque(Dialect.OPENAI_CHAT, part);
        };
    }

    private static ContentPart readFile(JsonNode file, String path) {
        Optional<String> filename = optString(file, "filename", path + ".file.filename");
        Optional<String> data = optString(file, "file_data", path + ".file.file_data");
        if (data.isPresent()) {
            return new ContentPart.Document(MediaSource.fromUrlField(data.get()), filename);
        }
        String id = requireString(file, "file_id", path + ".file.file_id");
        return new ContentPart.Document(new MediaSource.FileRef(id), filename);
    }

    static ArrayNode write(List<Message> messages) {
        return write(messages, new java.util.HashSet<>());
    }

    /** Writes messages; the type names of other dialects' opaque blocks, which are left out, go to {@code dropped}. */
    static ArrayNode write(List<Message> messages, java.util.Set<String> dropped) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Message m : messages) {
            for (ContentPart part : m.content()) {
                if (part instanceof ContentPart.Opaque o && o.dialect() != Dialect.OPENAI_CHAT) {
                    dropped.add(o.raw().path("type").asString("content_block"));
                }
            }
            if (m.role() == Role.TOOL) {
                writeToolResults(m, out);
                continue;
            }
            ObjectNode node = out.addObject().put("role", roleName(m.role()));
            if (m.role() == Role.ASSISTANT) {
                writeAssistant(m, node);
            } else {
                node.set("content", writeContent(m.content()));
            }
            m.name().ifPresent(n -> node.put("name", n));
        }
        return out;
    }

    /**
     * One {@code tool} message per result. A tool message holds text only, so media a tool returned (an Anthropic
     * screenshot, say) follows in a user message, which is where OpenAI models can see images.
     */
    private static void writeToolResults(Message m, ArrayNode out) {
        List<ContentPart> media = new ArrayList<>();
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.ToolResult result) {
                ObjectNode node = out.addObject().put("role", "tool");
                List<ContentPart> text = new ArrayList<>();
                if (result.isError()) {
                    text.add(new ContentPart.Text("Error: "));
                }
                for (ContentPart c : result.content()) {
                    switch (c) {
                        case ContentPart.Image i -> media.add(i);
                        case ContentPart.Document d -> media.add(d);
                        case ContentPart.Audio a -> media.add(a);
                        default -> text.add(c);
                    }
                }
                node.set("content", writeContent(text.isEmpty() ? List.of(new ContentPart.Text("")) : text));
                node.put("tool_call_id", result.toolCallId());
            }
        }
        if (!media.isEmpty()) {
            out.addObject().put("role", "user").set("content", writeContent(media));
        }
    }

    private static void writeAssistant(Message m, ObjectNode node) {
        List<ContentPart> visible = new ArrayList<>();
        ArrayNode calls = null;
        for (ContentPart part : m.content()) {
            switch (part) {
                case ContentPart.ToolCall call -> {
                    if (calls == null) {
                        calls = Json.MAPPER.createArrayNode();
                    }
                    ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                    c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                }
                case ContentPart.Opaque o when isToolCall(o) -> {
                    if (calls == null) {
                        calls = Json.MAPPER.createArrayNode();
                    }
                    calls.add(o.raw());
                }
                case ContentPart.Refusal r -> node.put("refusal", r.text());
                case ContentPart.Thinking t -> { /* Chat Completions has no field for visible reasoning. */ }
                default -> visible.add(part);
            }
        }
        if (visible.isEmpty()) {
            node.putNull("content");
        } else {
            node.set("content", writeContent(visible));
        }
        if (calls != null) {
            node.set("tool_calls", calls);
        }
    }

    private static boolean isToolCall(ContentPart.Opaque o) {
        return o.dialect() == Dialect.OPENAI_CHAT && (o.raw().has("function") || o.raw().has("custom"));
    }

    /** A single text part is written as a plain string, the form clients send most. */
    static JsonNode writeContent(List<ContentPart> parts) {
        if (parts.size() == 1 && parts.getFirst() instanceof ContentPart.Text t) {
            return Json.MAPPER.getNodeFactory().stringNode(t.text());
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ContentPart part : parts) {
            switch (part) {
                case ContentPart.Text t -> out.addObject().put("type", "text").put("text", t.text());
                case ContentPart.Refusal r -> out.addObject().put("type", "refusal").put("refusal", r.text());
                case ContentPart.Image img -> {
                    ObjectNode url = out.addObject().put("type", "image_url").putObject("image_url")
                            .put("url", img.source().toUrlField());
                    img.detail().ifPresent(d -> url.put("detail", d));
                }
                case ContentPart.Audio a -> {
                    String data = a.source() instanceof MediaSource.Base64 b ? b.data() : a.source().toUrlField();
                    out.addObject().put("type", "input_audio").putObject("input_audio")
                            .put("data", data).put("format", a.format());
                }
                case ContentPart.Document d -> {
                    ObjectNode file = out.addObject().put("type", "file").putObject("file");
                    if (d.source() instanceof MediaSource.Url u) {
                        throw GatewayException.invalid("messages", "OpenAI Chat models cannot read a document by "
                                + "URL (" + u.url() + "); send it inline as base64.");
                    }
                    if (d.source() instanceof MediaSource.FileRef ref) {
                        file.put("file_id", ref.id());
                    } else {
                        file.put("file_data", d.source().toUrlField());
                    }
                    d.filename().ifPresent(f -> file.put("filename", f));
                }
                case ContentPart.ToolResult r -> out.addAll((ArrayNode) asArray(writeContent(r.content())));
                case ContentPart.Thinking t -> { /* not expressible in a Chat Completions message */ }
                case ContentPart.ToolCall c -> { /* written by writeAssistant */ }
                case ContentPart.Opaque o -> {
                    if (o.dialect() == Dialect.OPENAI_CHAT) {
                        out.add(o.raw());
                    }
                }
            }
        }
        return out;
    }

    private static JsonNode asArray(JsonNode content) {
        if (content.isArray()) {
            return content;
        }
        ArrayNode arr = Json.MAPPER.createArrayNode();
        arr.addObject().put("type", "text").put("text", content.stringValue());
        return arr;
    }

    private static String roleName(Role role) {
        return switch (role) {
            case SYSTEM -> "system";
            case DEVELOPER -> "developer";
            case USER -> "user";
            case ASSISTANT -> "assistant";
            case TOOL -> "tool";
        };
    }
}
