package dev.junction.completion;

import dev.junction.upstream.EventStream;
import dev.junction.upstream.SseEvent;
import tools.jackson.databind.node.ObjectNode;

/** A successful completion answer, in OpenAI's format as the upstream sent it. Closed. */
public sealed interface CompletionAnswer {

    /** A complete body. */
    record Whole(ObjectNode body) implements CompletionAnswer {}

    /** The upstream's events, whose first has arrived, to pass through. */
    record Events(EventStream<SseEvent> events) implements CompletionAnswer {}
}
