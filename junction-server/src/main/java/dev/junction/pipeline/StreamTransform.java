package dev.junction.pipeline;

import dev.junction.model.StreamEvent;
import java.util.function.Consumer;

/**
 * Sees, and may change, a streamed chat answer event by event, in order. For each canonical event it passes zero or
 * more events on to {@code downstream}: the same one (observing), another (rewriting), none (dropping), or a
 * {@link StreamEvent.StreamError}, which ends the stream with that error in the client's dialect and stops the
 * upstream. Nothing is buffered by the pipeline; a transform that holds events back does so by its own choice.
 * Runs on the request's event loop and must not block. One instance serves one request.
 */
@FunctionalInterface
public interface StreamTransform {

    /** Handles one event. */
    void onEvent(StreamEvent event, Consumer<StreamEvent> downstream);
}
