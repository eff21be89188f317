package dev.junction.dialect;

import dev.junction.model.StreamEvent;

/**
 * Turns canonical {@link StreamEvent}s into the bytes of one client dialect's stream. One instance per response;
 * confined to the response's event loop. The encoder keeps whatever state its dialect needs (block indexes, buffered
 * tool-call arguments, running usage) and writes the dialect's terminal frames on {@link StreamEvent.MessageStop}.
 * A {@link StreamEvent.StreamError} becomes the dialect's in-stream error frame; nothing is encoded after it.
 */
public interface StreamEncoder {

    /** The wire text for this event; empty when the event has no counterpart in this dialect. */
    String encode(StreamEvent event);
}
