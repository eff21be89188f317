package dev.junction.extension;

import dev.junction.model.StreamEvent;

/**
 * Sees a streamed chat answer event by event, as canonical {@link StreamEvent}s. {@link #open} is called once per
 * stream, before its first event; the handler it returns serves that stream alone (it may keep state) and sees the
 * events in order. A stream with a stream hook is decoded and re-encoded (no byte pass-through). Always runs on the
 * request's event loop and must not block.
 */
@FunctionalInterface
public interface StreamHook {

    /** The handler of one stream. */
    EventHandler open(RequestInfo info);

    /** Decides on each event of one stream. Confined to the request's event loop. */
    @FunctionalInterface
    interface EventHandler {
        StreamAction onEvent(StreamEvent event);
    }
}
