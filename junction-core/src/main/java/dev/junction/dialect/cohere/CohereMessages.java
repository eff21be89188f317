package dev.junction.dialect.cohere;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.Message;
import dev.junction.model.Role;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes canonical messages as Cohere v2's: system and developer turns as {@code system}, user content as text and
 * {@code image_url} items, assistant text as content items with the reasoning before a tool call as
 * {@code tool_plan} and the calls as {@code tool_calls} (arguments as JSON text, exactly as the model made them),
 * and each tool result as a {@code tool} message with its {@code tool_call_id} and the result as a {@code document}
 * item. Stateless.
 */
final class CohereMessages {

    private CohereMessages() {}

    static ArrayNode write(List<Message> messages, Set<String> dropped) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Message m : messages) {
            switch (m.role()) {
                case TOOL -> writeToolResults(m, out, dropped);
                case ASSISTANT -> out.add(assistant(m, dropped));
                default -> out.add(plain(m, dropped));
            }
        }
        return out;
    }

    private static ObjectNode plain(Message m, Set<String> dropped) {
        ObjectNode node = Json.object().put("role", m.role() == Role.USER ? "user" : "system");
        boolean onlyText = m.content().stream().allMatch(ContentPart.Text.class::isInstance);
        if (onlyText || m.role() != Role.USER) {
            return node.put("content", textOf(m.content(), dropped));
        }
        ArrayNode content = node.putArray("content");
        for (ContentPart part : m.content()) {
            switch (part) {
                case ContentPart.Text t -> content.addObject().put("type", "text").put("text", t.text());
                case ContentPart.Image i -> content.addObject().put("type", "image_url").putObject("image_url")
                        .put("url", i.source().toUrlField());
                default -> dropped.add("messages.content." + kind(part));
            }
        }
        return node;
    }

    private static ObjectNode assistant(Message m, Set<String> dropped) {
        ObjectNode node = Json.object().put("role", "assistant");
        StringBuilder plan = new StringBuilder();
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (ContentPart part : m.content()) {
            switch (part) {
                case ContentPart.Text t -> text.append(t.text());
                case ContentPart.Refusal r -> text.append(r.text());
                case ContentPart.Thinking t -> plan.append(t.text());
                case ContentPart.ToolCall c -> calls.addObject().put("id", c.id()).put("type", "function")
                        .putObject("function").put("name", c.name()).put("arguments", c.arguments());
                default -> dropped.add("messages.content." + kind(part));
            }
        }
        if (!calls.isEmpty()) {
            if (!plan.isEmpty()) {
                node.put("tool_plan", plan.toString());
            }
            node.set("tool_calls", calls);
        }
        if (!text.isEmpty()) {
            node.putArray("content").addObject().put("type", "text").put("text", text.toString());
        }
        return node;
    }

    private static void writeToolResults(Message m, ArrayNode out, Set<String> dropped) {
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.ToolResult r) {
                ObjectNode node = out.addObject().put("role", "tool").put("tool_call_id", r.toolCallId());
                node.putArray("content").addObject().put("type", "document").putObject("document")
                        .put("data", textOf(r.content(), dropped));
            }
        }
    }

    private static String textOf(List<ContentPart> parts, Set<String> dropped) {
        StringBuilder text = new StringBuilder();
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text t) {
                text.append(t.text());
            } else {
                dropped.add("messages.content." + kind(part));
            }
        }
        return text.toString();
    }

    private static String kind(ContentPart part) {
        return switch (part) {
            case ContentPart.Text t -> "text";
            case ContentPart.Image i -> "image_url";
            case ContentPart.Audio a -> "input_audio";
            case ContentPart.Document d -> "file";
            case ContentPart.ToolCall c -> "tool_call";
            case ContentPart.ToolResult r -> "tool_result";
            case ContentPart.Thinking t -> "thinking";
            case ContentPart.Refusal r -> "refusal";
            case ContentPart.Opaque o -> o.raw().path("type").asString("opaque");
        };
    }
}
