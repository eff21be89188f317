package dev.junction.dialect;

import dev.junction.model.StreamEvent;
import dev.junction.upstream.SseEvent;
import java.util.List;

/**
 * Turns one upstream's SSE events, in its wire dialect, into canonical {@link StreamEvent}s. One instance per
 * stream; confined to the stream's event loop. Never throws on bad input: an event it cannot read becomes a
 * {@link StreamEvent.StreamError}, after which nothing else is decoded.
 */
public interface StreamDecoder {

    /** The canonical events for one upstream event, possibly none (keep-alives, pings). */
    List<StreamEvent> decode(SseEvent event);

    /**
     * Whether the upstream's terminal event was seen ({@code [DONE]}, {@code message_stop}, a final chunk); a stream
     * that ends before that was cut.
     */
    boolean done();

    /**
     * The events that complete a stream whose body ended normally, for dialects (Gemini) that have no terminal event:
     * open blocks are closed and {@link StreamEvent.MessageStop} is emitted. Empty if {@link #done()} already.
     */
    default List<StreamEvent> finish() {
        return List.of();
    }
}
