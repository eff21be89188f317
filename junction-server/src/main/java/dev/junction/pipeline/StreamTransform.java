package dev.junction.pipeline;

import dev.junction.model.StreamEvent;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * Sees, and may change, a streamed chat answer event by event, in order. For each canonical event it passes zero or
 * more events on to {@code downstream}: the same one (observing), another (rewriting), none (dropping), or a
 * {@link StreamEvent.StreamError}, which ends the stream with that error in the client's dialect and stops the
 * upstream. Nothing is buffered by the pipeline; a transform that holds events back does so by its own choice.
 * Runs on the request's event loop and must not block. One instance serves one request.
 *
 * <p>A transform that waits for something asynchronous (an external check of the whole answer) may keep events and
 * pass them on later, on the same event loop, from the future's callback; {@link #settled()} then tells the relay
 * when it has passed on everything, and a stream whose upstream has finished ends only after that.
 */
@FunctionalInterface
public interface StreamTransform {

    /** Handles one event. */
    void onEvent(StreamEvent event, Consumer<StreamEvent> downstream);

    /** Completes once every event this transform has been given is passed on (at once for most transforms). */
    default Future<Void> settled() {
        return Future.succeededFuture();
    }
}
