package dev.junction.dialect.bedrock;

import dev.junction.model.FinishReason;

/** Converse's {@code stopReason} values and the canonical finish reasons. Pure functions. */
final class BedrockStopReasons {

    private BedrockStopReasons() {}

    static FinishReason read(String stopReason) {
        return switch (stopReason) {
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "stop_sequence" -> FinishReason.STOP_SEQUENCE;
            case "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }

    static String write(FinishReason reason) {
        return switch (reason) {
            case TOOL_CALLS -> "tool_use";
            case LENGTH -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case CONTENT_FILTER -> "content_filtered";
            default -> "end_turn";
        };
    }
}
