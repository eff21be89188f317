package dev.junction.dialect.openai;

import dev.junction.model.FinishReason;
import java.util.Optional;

/** {@code finish_reason} values in both directions. */
final class OpenAiFinishReasons {

    private OpenAiFinishReasons() {}

    static Optional<FinishReason> read(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(switch (value) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        });
    }

    static String write(FinishReason reason) {
        return switch (reason) {
            case STOP, STOP_SEQUENCE, PAUSE, OTHER -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }
}
