package dev.junction.dialect.anthropic;

import dev.junction.model.FinishReason;
import java.util.Optional;

/** {@code stop_reason} values in both directions (translation rules §10). Pure functions. */
public final class AnthropicStopReasons {

    private AnthropicStopReasons() {}

    /** The canonical reason for a wire value; empty for {@code null} (a stream still running). */
    public static Optional<FinishReason> read(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(switch (value) {
            case "end_turn" -> FinishReason.STOP;
            case "stop_sequence" -> FinishReason.STOP_SEQUENCE;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "pause_turn" -> FinishReason.PAUSE;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        });
    }

    /** The wire value for a canonical reason. */
    public static String write(FinishReason reason) {
        return switch (reason) {
            case STOP, OTHER -> "end_turn";
            case STOP_SEQUENCE -> "stop_sequence";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
            case PAUSE -> "pause_turn";
        };
    }
}
