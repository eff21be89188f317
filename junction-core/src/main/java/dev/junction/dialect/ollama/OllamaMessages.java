package dev.junction.dialect.ollama;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.MediaSource;
import dev.junction.model.Message;
import dev.junction.model.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes canonical messages as Ollama's: {@code content} is one string (text parts joined), images go to a base64
 * {@code images} array, thinking to {@code thinking}, tool calls to {@code tool_calls} with their arguments parsed
 * into objects, and each tool result becomes a {@code tool} message naming its tool ({@code tool_name}), found by
 * the call id among the earlier assistant turns. Stateless.
 */
final class OllamaMessages {

    private OllamaMessages() {}

    static ArrayNode write(List<Message> messages, Set<String> dropped) {
        Map<String, String> toolNames = new HashMap<>();
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Message m : messages) {
            m.toolCalls().forEach(c -> toolNames.put(c.id(), c.name()));
            if (m.role() == Role.TOOL) {
                writeToolResults(m, toolNames, out, dropped);
            } else {
                out.add(message(m, dropped));
            }
        }
        return out;
    }

    private static ObjectNode message(Message m, Set<String> dropped) {
        ObjectNode node = Json.object().put("role", role(m.role()));
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        ArrayNode images = Json.MAPPER.createArrayNode();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (ContentPart part : m.content()) {
            switch (part) {
                case ContentPart.Text t -> text.append(t.text());
                case ContentPart.Refusal r -> text.append(r.text());
                case ContentPart.Thinking t -> thinking.append(t.text());
                case ContentPart.Image i when i.source() instanceof MediaSource.Base64 b -> images.add(b.data());
                case ContentPart.ToolCall c -> calls.add(toolCall(c));
                case ContentPart.Image i -> dropped.add("messages.content.image_url");
                case ContentPart.Audio a -> dropped.add("messages.content.input_audio");
                case ContentPart.Document d -> dropped.add("messages.content.file");
                case ContentPart.ToolResult r -> dropped.add("messages.content.tool_result");
                case ContentPart.Opaque o -> dropped.add("messages.content." + o.raw().path("type").asString("opaque"));
            }
        }
        node.put("content", text.toString());
        if (!thinking.isEmpty()) {
            node.put("thinking", thinking.toString());
        }
        if (!images.isEmpty()) {
            node.set("images", images);
        }
        if (!calls.isEmpty()) {
            node.set("tool_calls", calls);
        }
        return node;
    }

    private static ObjectNode toolCall(ContentPart.ToolCall call) {
        Optional<JsonNode> arguments = Json.tryParse(call.arguments().isBlank() ? "{}" : call.arguments())
                .filter(JsonNode::isObject);
        if (arguments.isEmpty()) {
            throw new GatewayException(new GatewayError.InvalidRequest("The arguments of tool call '" + call.id()
                    + "' are not a JSON object; Ollama takes tool-call arguments only as objects.",
                    Optional.of("messages"), Optional.empty()));
        }
        ObjectNode function = Json.object().put("name", call.name());
        function.set("arguments", arguments.get());
        ObjectNode out = Json.object();
        out.set("function", function);
        return out;
    }

    private static void writeToolResults(Message m, Map<String, String> toolNames, ArrayNode out,
                                         Set<String> dropped) {
        for (ContentPart part : m.content()) {
            if (!(part instanceof ContentPart.ToolResult r)) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (ContentPart inner : r.content()) {
                if (inner instanceof ContentPart.Text t) {
                    text.append(t.text());
                } else {
                    dropped.add("messages.tool.content");
                }
            }
            ObjectNode node = Json.object().put("role", "tool").put("content", text.toString());
            Optional.ofNullable(toolNames.get(r.toolCallId())).ifPresent(name -> node.put("tool_name", name));
            out.add(node);
        }
    }

    private static String role(Role role) {
        return switch (role) {
            case SYSTEM, DEVELOPER -> "system";
            case USER -> "user";
            case ASSISTANT -> "assistant";
            case TOOL -> "tool";
        };
    }
}
