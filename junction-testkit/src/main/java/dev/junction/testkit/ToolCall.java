package dev.junction.testkit;

import java.util.List;
import java.util.Objects;

/**
 * One function tool call the mock upstream makes in a {@link Reply.ToolCalls} reply.
 *
 * @param id the call id, e.g. {@code call_8fxy20OEu9ulvvaa5b5CzVA4}
 * @param name the function name
 * @param arguments the arguments as a JSON text, sent verbatim (not validated)
 */
public record ToolCall(String id, String name, String arguments) {

    /** Rejects null components. */
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }

    /**
     * The two parallel {@code get_current_weather} calls (Paris, Tokyo) of the recorded fixture
     * {@code openai-chat/response.tools.json}.
     *
     * @return the calls in order
     */
    public static List<ToolCall> weatherInParisAndTokyo() {
        return List.of(
                new ToolCall("call_8fxy20OEu9ulvvaa5b5CzVA4", "get_current_weather",
                        "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"),
                new ToolCall("call_Xc4Aiih37EUJvqjoZlu4Vdoi", "get_current_weather",
                        "{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}"));
    }
}
