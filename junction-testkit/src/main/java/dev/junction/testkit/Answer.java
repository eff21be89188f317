package dev.junction.testkit;

import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the model says in a successful completion, independent of the wire format: optional thoughts,
 * then either text or tool calls. Token counts are the mock's deterministic estimates and the same in
 * every dialect.
 *
 * @param completion the visible output: {@link Completion.Text} or {@link Completion.ToolCalls}
 * @param thoughts the thoughts preceding it, see {@link Behavior#withThinking}
 */
record Answer(Completion completion, Optional<String> thoughts) {

    static final String ECHO_PREFIX = "Hello from mock upstream: ";

    /**
     * The answer a completing reply gives.
     *
     * @param lastUserText the text {@link Reply.Echo} echoes
     * @throws IllegalArgumentException if the reply does not complete
     */
    static Answer of(Behavior behavior, String lastUserText) {
        Completion completion = switch (behavior.reply()) {
            case Reply.Echo() -> new Completion.Text(ECHO_PREFIX + lastUserText);
            case Reply.Text(String text) -> new Completion.Text(text);
            case Reply.ToolCalls(List<ToolCall> calls) -> new Completion.ToolCalls(calls);
            default -> throw new IllegalArgumentException("not a completing reply: " + behavior.reply());
        };
        return new Answer(completion, behavior.thinking());
    }

    /** {@return visible output tokens: one per word of text, arguments' characters / 4 for calls} */
    int visibleTokens() {
        return completion.completionTokens();
    }

    /** {@return thinking tokens: one per word of the thoughts, 0 without thoughts} */
    int thoughtTokens() {
        return thoughts.map(text -> new Completion.Text(text).completionTokens()).orElse(0);
    }

    /** {@return the tool calls, empty for a text answer} */
    List<ToolCall> calls() {
        return completion instanceof Completion.ToolCalls(List<ToolCall> calls) ? calls : List.of();
    }

    /** {@return the text, empty for a tool-call answer} */
    String text() {
        return completion instanceof Completion.Text(String text) ? text : "";
    }

    /** {@return the first call whose arguments are not a JSON object, which Anthropic and Gemini cannot express} */
    Optional<ToolCall> callWithNonObjectArguments() {
        return calls().stream().filter(call -> argumentsOf(call).isEmpty()).findFirst();
    }

    /** {@return a call's arguments parsed as a JSON object, empty when they are not one} */
    static Optional<ObjectNode> argumentsOf(ToolCall call) {
        try {
            JsonNode arguments = JsonText.MAPPER.readTree(call.arguments());
            return arguments instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }
}
