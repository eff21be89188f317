package dev.junction.model;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One block of a message's content. The set is closed: translators switch over it exhaustively. */
public sealed interface ContentPart {

    /** Plain text. */
    record Text(String text) implements ContentPart {}

    /** An image; {@code detail} is OpenAI's resolution hint ({@code auto}, {@code low}, {@code high}) when given. */
    record Image(MediaSource source, Optional<String> detail) implements ContentPart {}

    /** An audio clip, {@code format} such as {@code wav} or {@code mp3}. */
    record Audio(MediaSource source, String format) implements ContentPart {}

    /** A document such as a PDF. */
    record Document(MediaSource source, Optional<String> filename) implements ContentPart {}

    /**
     * A call of a tool by the model. {@code arguments} is the JSON text exactly as produced: models can emit invalid
     * JSON and a gateway must not repair or reject it silently.
     */
    record ToolCall(String id, String name, String arguments) implements ContentPart {}

    /** The result of a tool call, sent back by the client. */
    record ToolResult(String toolCallId, List<ContentPart> content, boolean isError) implements ContentPart {
        public ToolResult {
            content = List.copyOf(content);
        }
    }

    /** Visible reasoning. The signature, when present, must be replayed byte-exact to the model that made it. */
    record Thinking(String text, Optional<String> signature, boolean redacted) implements ContentPart {}

    /** The model declined to answer (OpenAI's {@code refusal}). */
    record Refusal(String text) implements ContentPart {}

    /**
     * A block of one dialect that the others cannot express, kept byte-exact so that a same-dialect upstream gets it
     * back unchanged.
     */
    record Opaque(Dialect dialect, JsonNode raw) implements ContentPart {}
}
