package dev.junction.model;

/**
 * Who wrote a message. System and developer instructions stay in the message list, in their position, so a
 * same-dialect round trip is lossless; dialects with a single top-level system prompt hoist them.
 */
public enum Role {
    SYSTEM,
    DEVELOPER,
    USER,
    ASSISTANT,
    /** The result of a tool call, fed back to the model. Its content holds {@link ContentPart.ToolResult} parts. */
    TOOL
}
