package dev.junction.dialect.responses;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Message;
import dev.junction.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes canonical messages as {@code instructions} and {@code input} items for a Responses upstream. A leading
 * text-only system or developer message becomes the instructions; later ones stay input messages in their position.
 * An assistant turn becomes its items in order: reasoning OpenAI issued, a message for each run of text, and a
 * {@code function_call} per tool call; each tool result a {@code function_call_output}.
 */
final class ResponsesInputWriter {

    /** The written conversation. */
    record Written(Optional<String> instructions, ArrayNode input) {}

    private final Set<String> dropped;
    private final ArrayNode input = Json.MAPPER.createArrayNode();

    private ResponsesInputWriter(Set<String> dropped) {
        this.dropped = dropped;
    }

    /** Writes the messages; what the Responses API cannot take is named in {@code dropped}. */
    static Written write(List<Message> messages, Set<String> dropped) {
        ResponsesInputWriter writer = new ResponsesInputWriter(dropped);
        Optional<String> instructions = Optional.empty();
        int start = 0;
        if (!messages.isEmpty() && isInstructions(messages.getFirst())) {
            instructions = Optional.of(messages.getFirst().joinedText());
            start = 1;
        }
        for (Message m : messages.subList(start, messages.size())) {
            switch (m.role()) {
                case SYSTEM -> writer.message("system", m.content());
                case DEVELOPER -> writer.message("developer", m.content());
                case USER -> writer.message("user", m.content());
                case ASSISTANT -> writer.assistant(m.content());
                case TOOL -> writer.toolResults(m.content());
            }
        }
        return new Written(instructions, writer.input);
    }

    private static boolean isInstructions(Message m) {
        return (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER)
                && m.content().stream().allMatch(ContentPart.Text.class::isInstance);
    }

    /** A message of the client's side; built-in tool outputs and item references among it are items of their own. */
    private void message(String role, List<ContentPart> parts) {
        List<ContentPart> content = new ArrayList<>();
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Opaque o && o.dialect() == Dialect.OPENAI_RESPONSES
                    && ResponsesItems.isClientItem(o.raw())) {
                flush(role, content);
                input.add(o.raw());
            } else {
                content.add(part);
            }
        }
        flush(role, content);
    }

    private void flush(String role, List<ContentPart> content) {
        if (!content.isEmpty()) {
            input.addObject().put("role", role).set("content", ResponsesContent.write(content, dropped));
            content.clear();
        }
    }

    private void assistant(List<ContentPart> parts) {
        StringBuilder text = new StringBuilder();
        for (ContentPart part : parts) {
            switch (part) {
                case ContentPart.Text t -> text.append(t.text());
                case ContentPart.Refusal r -> text.append(r.text());
                case ContentPart.Thinking t -> {
                    flushText(text);
                    ResponsesReasoning.forUpstream(t).ifPresent(input::add);
                }
                case ContentPart.ToolCall call -> {
                    flushText(text);
                    input.addObject().put("type", "function_call").put("call_id", call.id())
                            .put("name", call.name()).put("arguments", call.arguments());
                }
                case ContentPart.Opaque o when o.dialect() == Dialect.OPENAI_RESPONSES -> {
                    flushText(text);
                    input.add(o.raw());
                }
                case ContentPart.Opaque o -> dropped.add(o.raw().path("type").asString("content"));
                default -> { /* media and results do not occur in an assistant turn */ }
            }
        }
        flushText(text);
    }

    private void flushText(StringBuilder text) {
        if (!text.isEmpty()) {
            input.addObject().put("role", "assistant").put("content", text.toString());
            text.setLength(0);
        }
    }

    /** One {@code function_call_output} per result; a failed call's output starts with "Error: " (no flag exists). */
    private void toolResults(List<ContentPart> parts) {
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.ToolResult result) {
                List<ContentPart> output = new ArrayList<>();
                if (result.isError()) {
                    output.add(new ContentPart.Text("Error: "));
                }
                output.addAll(result.content());
                if (output.isEmpty()) {
                    output.add(new ContentPart.Text(""));
                }
                ObjectNode item = input.addObject().put("type", "function_call_output")
                        .put("call_id", result.toolCallId());
                item.set("output", ResponsesContent.write(merged(output), dropped));
            }
        }
    }

    /** Adjacent texts joined, so that an error prefix and a text result make one string output. */
    private static List<ContentPart> merged(List<ContentPart> parts) {
        List<ContentPart> out = new ArrayList<>();
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Text t && !out.isEmpty()
                    && out.getLast() instanceof ContentPart.Text prev) {
                out.set(out.size() - 1, new ContentPart.Text(prev.text() + t.text()));
            } else {
                out.add(part);
            }
        }
        return out;
    }
}
