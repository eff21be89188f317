package dev.junction.model;

import java.util.List;

/**
 * One event of a streamed response, block-structured like Anthropic's stream because that is the superset: text,
 * tool calls and thinking each open a block, receive deltas and close. OpenAI's {@code n} > 1 is expressed through
 * {@code choice}; dialects without choices use choice 0.
 *
 * <p>A well-formed stream is: {@link MessageStart}, then for each block {@link BlockStart}, {@link BlockDelta}*,
 * {@link BlockStop}; then {@link Finish} per choice, {@link UsageUpdate}* and {@link MessageStop}. It may end early
 * with {@link StreamError}.
 */
public sealed interface StreamEvent {

    /** The response begins. {@code usage} holds what is known up front (often only input tokens, or nothing). */
    record MessageStart(String id, String model, long created, Usage usage) implements StreamEvent {}

    /** A content block opens. {@code index} counts blocks of this choice from 0. */
    record BlockStart(int choice, int index, Block block) implements StreamEvent {}

    /** More content for an open block. */
    record BlockDelta(int choice, int index, Delta delta) implements StreamEvent {}

    /** A block is complete. */
    record BlockStop(int choice, int index) implements StreamEvent {}

    /** A choice has finished generating. */
    record Finish(int choice, FinishReason reason) implements StreamEvent {}

    /** The usage so far; the last one wins. */
    record UsageUpdate(Usage usage) implements StreamEvent {}

    /** The response is complete. */
    record MessageStop() implements StreamEvent {}

    /** The stream failed after it started; nothing follows. */
    record StreamError(GatewayError error) implements StreamEvent {}

    /** What kind of block opened. */
    sealed interface Block {
        record Text() implements Block {}

        record ToolCall(String id, String name) implements Block {}

        record Thinking() implements Block {}

        record Refusal() implements Block {}
    }

    /** A piece of a block's content. */
    sealed interface Delta {
        /** Text, with the log probabilities of its tokens when they were requested. */
        record Text(String text, List<TokenLogprob> logprobs) implements Delta {
            public Text {
                logprobs = List.copyOf(logprobs);
            }

            public Text(String text) {
                this(text, List.of());
            }
        }

        /** A fragment of a tool call's JSON arguments; fragments concatenate. */
        record Arguments(String fragment) implements Delta {}

        record Thinking(String text) implements Delta {}

        record Signature(String signature) implements Delta {}

        record Refusal(String text) implements Delta {}
    }
}
