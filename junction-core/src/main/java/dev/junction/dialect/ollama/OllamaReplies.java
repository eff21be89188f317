package dev.junction.dialect.ollama;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.FinishReason;
import dev.junction.model.Usage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What a complete {@code /api/chat} object and the last line of a stream share: usage ({@code prompt_eval_count} in,
 * {@code eval_count} out), the finish reason from {@code done_reason}, the time from {@code created_at}, and the
 * message's parts. Stateless.
 */
final class OllamaReplies {

    private OllamaReplies() {}

    /** The tokens counted by a {@code done} object. */
    static Usage usage(JsonNode body) {
        return new Usage(Json.count(body, "prompt_eval_count"), Json.count(body, "eval_count"), 0, 0, 0);
    }

    /**
     * Why the model stopped: {@code stop} (a tool call when the answer made one), {@code length}; {@code load} and
     * {@code unload} (a model loaded or unloaded without generating) are {@link FinishReason#OTHER}.
     */
    static FinishReason finishReason(String doneReason, boolean calledTools) {
        return switch (doneReason) {
            case "stop", "" -> calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
    }

    /** {@code created_at} in epoch seconds; now when it is absent or unreadable. */
    static long created(JsonNode body) {
        try {
            return Instant.parse(body.path("created_at").asString("")).getEpochSecond();
        } catch (DateTimeParseException e) {
            return Instant.now().getEpochSecond();
        }
    }

    /** A fresh response id: Ollama sends none. */
    static String newId() {
        return "ollama-" + UUID.randomUUID();
    }

    /**
     * The tool calls of a message, with their arguments as compact JSON text in the order Ollama sent the keys.
     * Ollama gives calls no id (newer versions may): one is made up, unique per response.
     */
    static List<ContentPart.ToolCall> toolCalls(JsonNode message, String responseId) {
        List<ContentPart.ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            String text = arguments.isString() ? arguments.stringValue()
                    : arguments.isMissingNode() || arguments.isNull() ? "{}" : Json.write(arguments);
            String id = call.path("id").isString() ? call.path("id").stringValue()
                    : "call_" + responseId.substring(responseId.length() - 12) + "_" + calls.size();
            calls.add(new ContentPart.ToolCall(id, function.path("name").asString(""), text));
        }
        return calls;
    }
}
