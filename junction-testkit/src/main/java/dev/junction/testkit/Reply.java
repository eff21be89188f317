package dev.junction.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the mock upstream answers to a generation request, in any of its dialects: the closed set of
 * reply kinds a {@link Behavior} can carry. Timing and faults are not part of a reply; they live on the behaviour.
 */
public sealed interface Reply {

    /**
     * A normal completion whose text echoes the request:
     * {@code "Hello from mock upstream: " + <text of the last user message>}, the same string in every
     * dialect. The text parts of that message are joined by a space; an Anthropic or Gemini user turn
     * made only of tool results ({@code tool_result}, {@code functionResponse}) does not count as one.
     */
    record Echo() implements Reply {}

    /**
     * A normal completion with exactly this assistant text.
     *
     * @param text the assistant message content; may be empty
     */
    record Text(String text) implements Reply {
        /** Rejects a null text. */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A completion whose assistant message calls tools: OpenAI {@code tool_calls} (finish reason
     * {@code tool_calls}), Anthropic {@code tool_use} blocks (stop reason {@code tool_use}, ids {@code toolu_…}
     * derived from the call ids), Gemini {@code functionCall} parts (finish reason {@code STOP}). For
     * Anthropic and Gemini the arguments must be a JSON object; otherwise the mock answers 500.
     *
     * @param calls the calls, in order; at least one
     */
    record ToolCalls(List<ToolCall> calls) implements Reply {
        /** Copies the calls and rejects an empty list. */
        public ToolCalls {
            calls = List.copyOf(calls);
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("at least one tool call is required");
            }
        }
    }

    /**
     * An HTTP error response in the called dialect's error shape.
     *
     * @param status the HTTP status, 400..599
     * @param body a raw body to send instead of the generated error body
     */
    record Status(int status, Optional<String> body) implements Reply {
        /** Rejects statuses that are not errors. */
        public Status {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("error status must be 400..599, got " + status);
            }
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * A file served verbatim. When the content type is {@code text/event-stream} the file is sent as a
     * stream, one write per event (events end with a blank line), so stream delays and faults apply.
     *
     * @param path the file to serve, read when a request is answered
     * @param status the HTTP status
     * @param contentType the {@code Content-Type} header value
     */
    record Fixture(Path path, int status, String contentType) implements Reply {
        /** Rejects null components and an invalid status. */
        public Fixture {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(contentType, "contentType");
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("invalid status " + status);
            }
        }

        /** {@return whether the fixture is a server-sent event stream} */
        public boolean isEventStream() {
            return contentType.regionMatches(true, 0, "text/event-stream", 0, "text/event-stream".length());
        }
    }

    /** Accept the request and never answer, until the client gives up or the mock closes. */
    record Hang() implements Reply {}
}
