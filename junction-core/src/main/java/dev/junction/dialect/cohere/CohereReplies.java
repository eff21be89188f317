package dev.junction.dialect.cohere;

import dev.junction.json.Json;
import dev.junction.model.FinishReason;
import dev.junction.model.Usage;
import tools.jackson.databind.JsonNode;

/**
 * What a complete {@code /v2/chat} answer and a stream's {@code message-end} share: usage and the finish reason.
 * Stateless.
 */
final class CohereReplies {

    private CohereReplies() {}

    /**
     * The tokens of a {@code usage} object: {@code billed_units} when present (what Cohere charges for, and so what
     * costs are computed from), else {@code tokens} (raw counts including the prompt template).
     */
    static Usage usage(JsonNode usage) {
        JsonNode billed = usage.path("billed_units");
        JsonNode counted = billed.isObject() && billed.has("input_tokens") ? billed : usage.path("tokens");
        return new Usage(Json.count(counted, "input_tokens"), Json.count(counted, "output_tokens"), 0, 0, 0);
    }

    /** Cohere's {@code finish_reason}; {@code ERROR} and {@code TIMEOUT} (the model failed) are OTHER. */
    static FinishReason finishReason(String reason) {
        return switch (reason) {
            case "COMPLETE" -> FinishReason.STOP;
            case "STOP_SEQUENCE" -> FinishReason.STOP_SEQUENCE;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "TOOL_CALL" -> FinishReason.TOOL_CALLS;
            default -> FinishReason.OTHER;
        };
    }
}
