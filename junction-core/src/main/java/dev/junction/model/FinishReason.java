package dev.junction.model;

/** Why the model stopped generating. */
public enum FinishReason {
    /** A natural end of the turn. */
    STOP,
    /** A client-supplied stop sequence matched. */
    STOP_SEQUENCE,
    /** The output token limit or the context window was reached. */
    LENGTH,
    /** The model called one or more tools and waits for their results. */
    TOOL_CALLS,
    /** Content was withheld by a safety filter, or the model refused. */
    CONTENT_FILTER,
    /** The upstream paused a long-running turn; the client may continue it. */
    PAUSE,
    /** Any other reason. */
    OTHER
}
