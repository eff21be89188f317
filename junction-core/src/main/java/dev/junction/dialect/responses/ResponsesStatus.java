package dev.junction.dialect.responses;

import dev.junction.model.FinishReason;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A response's {@code status} and {@code incomplete_details.reason} ⇄ the canonical {@link FinishReason}. Responses
 * have no finish reason: function calls in the output mean {@link FinishReason#TOOL_CALLS}; {@code incomplete}
 * with {@code max_output_tokens} means {@link FinishReason#LENGTH}, with {@code content_filter}
 * {@link FinishReason#CONTENT_FILTER}.
 */
final class ResponsesStatus {

    static final String COMPLETED = "completed";
    static final String INCOMPLETE = "incomplete";

    private ResponsesStatus() {}

    /** How a response ends: its status, and for {@code incomplete} the reason. */
    record End(String status, Optional<String> incompleteReason) {

        /** The terminal stream event of this end ({@code response.completed}, {@code response.incomplete}). */
        String eventType() {
            return "response." + status;
        }
    }

    static FinishReason read(JsonNode response, boolean calledFunctions) {
        String status = response.path("status").asString(COMPLETED);
        if (status.equals(INCOMPLETE)) {
            return switch (response.path("incomplete_details").path("reason").asString("")) {
                case "content_filter" -> FinishReason.CONTENT_FILTER;
                case "max_output_tokens" -> FinishReason.LENGTH;
                default -> FinishReason.OTHER;
            };
        }
        if (status.equals("failed") || status.equals("cancelled")) {
            return FinishReason.OTHER;
        }
        return calledFunctions ? FinishReason.TOOL_CALLS : FinishReason.STOP;
    }

    /** Whether the response's output holds a function call (its end is then tool calls, not a stop). */
    static boolean calledFunctions(JsonNode response) {
        for (JsonNode item : response.path("output")) {
            if (item.path("type").asString("").equals("function_call")) {
                return true;
            }
        }
        return false;
    }

    static End write(FinishReason reason) {
        return switch (reason) {
            case LENGTH -> new End(INCOMPLETE, Optional.of("max_output_tokens"));
            case CONTENT_FILTER -> new End(INCOMPLETE, Optional.of("content_filter"));
            case STOP, STOP_SEQUENCE, TOOL_CALLS, PAUSE, OTHER -> new End(COMPLETED, Optional.empty());
        };
    }
}
