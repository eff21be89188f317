package dev.junction.dialect.gemini;

import dev.junction.model.FinishReason;
import java.util.Optional;

/** {@code finishReason} values in both directions (translation.md §10). */
public final class GeminiFinishReasons {

    private GeminiFinishReasons() {}

    /**
     * The canonical reason for a candidate's {@code finishReason}; {@code STOP} after function calls is
     * {@link FinishReason#TOOL_CALLS}, since Gemini has no reason of its own for it and other clients loop on it.
     *
     * @param value the wire value, null when absent (a stream chunk before the last)
     * @param calledFunctions whether the candidate holds a {@code functionCall} part
     */
    public static Optional<FinishReason> read(String value, boolean calledFunctions) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(switch (value) {
            case "STOP", "FINISH_REASON_UNSPECIFIED" -> calledFunctions ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "LANGUAGE", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                 "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER; // OTHER, MALFORMED_FUNCTION_CALL, TOO_MANY_TOOL_CALLS, newer values
        });
    }

    /** The wire value for a canonical reason. */
    public static String write(FinishReason reason) {
        return switch (reason) {
            case STOP, STOP_SEQUENCE, TOOL_CALLS, PAUSE -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
            case OTHER -> "OTHER";
        };
    }
}
