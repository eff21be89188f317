package dev.junction.dialect.gemini;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes canonical messages as a request's {@code systemInstruction} and {@code contents}. System and developer
 * messages are hoisted into {@code systemInstruction}; consecutive tool results become one user content of
 * {@code functionResponse} parts, each named after the earlier call with its id (Gemini pairs results with calls by
 * name and order, and takes no ids from other providers, so none are written). One instance per request.
 */
final class GeminiContentsWriter {

    /** What a request gets. */
    record Written(Optional<ObjectNode> systemInstruction, ArrayNode contents) {}

    private final Set<String> dropped;
    private final Map<String, String> callNames = new HashMap<>();
    private final ArrayNode contents = Json.MAPPER.createArrayNode();
    /** The user content holding the latest run of function results, open for a following user message. */
    private GeminiPartWriter openResults;

    private GeminiContentsWriter(Set<String> dropped) {
        this.dropped = dropped;
    }

    static Written write(List<Message> messages, Set<String> dropped) {
        GeminiContentsWriter writer = new GeminiContentsWriter(dropped);
        List<Message> system = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> system.add(m);
                case TOOL -> writer.results(m, i);
                case USER -> writer.user(m, i);
                case ASSISTANT -> writer.model(m, i);
            }
        }
        writer.closeResults();
        return new Written(systemInstruction(system), writer.contents);
    }

    /**
     * One system message keeps its parts; several are joined with blank lines, their positions lost (Gemini has a
     * single instruction).
     */
    private static Optional<ObjectNode> systemInstruction(List<Message> system) {
        if (system.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode instruction = Json.object();
        ArrayNode parts = instruction.putArray("parts");
        if (system.size() == 1) {
            system.getFirst().content().stream().filter(ContentPart.Text.class::isInstance)
                    .forEach(p -> parts.addObject().put("text", ((ContentPart.Text) p).text()));
        } else {
            List<String> texts = system.stream().map(Message::joinedText).toList();
            parts.addObject().put("text", String.join("\n\n", texts));
        }
        return Optional.of(instruction);
    }

    private void results(Message m, int index) {
        if (openResults == null) {
            openResults = new GeminiPartWriter(dropped);
        }
        List<ContentPart> media = new ArrayList<>();
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.ToolResult result) {
                openResults.add(GeminiToolResults.write(result, nameOf(result, index)));
                result.content().stream().filter(p -> !(p instanceof ContentPart.Text)).forEach(media::add);
            }
        }
        // Images in results follow the function responses as ordinary parts (functionResponse.parts is too new).
        media.forEach(p -> openResults.write(p, true));
    }

    private void user(Message m, int index) {
        GeminiPartWriter parts = openResults != null ? openResults : new GeminiPartWriter(dropped);
        openResults = null;
        writeParts(m, index, parts);
        append("user", parts);
    }

    private void model(Message m, int index) {
        closeResults();
        GeminiPartWriter parts = new GeminiPartWriter(dropped);
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.ToolCall call) {
                callNames.put(call.id(), call.name());
            }
        }
        writeParts(m, index, parts);
        append("model", parts);
    }

    private void writeParts(Message m, int index, GeminiPartWriter parts) {
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.ToolResult result) {
                parts.add(GeminiToolResults.write(result, nameOf(result, index)));
            } else {
                parts.write(part, true);
            }
        }
    }

    private void closeResults() {
        if (openResults != null) {
            append("user", openResults);
            openResults = null;
        }
    }

    /** Adds a content unless it has no parts (Gemini rejects empty contents), e.g. a turn of foreign thinking only. */
    private void append(String role, GeminiPartWriter parts) {
        if (!parts.isEmpty()) {
            contents.addObject().put("role", role).set("parts", parts.parts());
        }
    }

    private String nameOf(ContentPart.ToolResult result, int index) {
        String name = callNames.get(result.toolCallId());
        if (name == null) {
            throw new GatewayException(new GatewayError.InvalidRequest("messages[" + index + "] is the result of "
                    + "tool call '" + result.toolCallId() + "', but no earlier assistant message made a call with "
                    + "that id; Gemini needs the function's name to accept the result.",
                    Optional.of("messages[" + index + "].tool_call_id"), Optional.of("invalid_value")));
        }
        return name;
    }
}
