package dev.junction.upstream;

import dev.junction.model.GatewayError;
import java.util.function.Consumer;

/**
 * A stream of events from an upstream whose first event has already arrived (the attempt succeeded). Callbacks run
 * on the event loop that started the attempt.
 *
 * @param <T> {@link SseEvent} for wire streams, {@link dev.junction.model.StreamEvent} for in-process providers
 */
public interface EventStream<T> {

    /**
     * Starts delivery: events that arrived before are delivered first. Afterwards exactly one of {@code onError} and
     * {@code onEnd} is called, once, unless the stream is cancelled.
     */
    void start(Consumer<T> onEvent, Consumer<GatewayError> onError, Runnable onEnd);

    /** Stops delivery until {@link #resume()}: the client cannot keep up. */
    void pause();

    /** Resumes delivery. */
    void resume();

    /** Stops the upstream for good (client disconnect); no callback follows. */
    void cancel();
}
