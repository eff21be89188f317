package dev.junction.upstream;

import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plays a finished list of canonical events as a stream: for in-process providers, and for complete upstream replies
 * that a client asked to receive streamed. An optional delay before each delta paces the stream like a model would.
 * Honours pause and resume like a network stream; confined to the event loop that starts it.
 */
public final class ReplayStream implements EventStream<StreamEvent> {

    private final List<StreamEvent> events;
    private final Vertx vertx;
    private final long delayMs;
    private Consumer<StreamEvent> onEvent;
    private Runnable onEnd;
    private int next;
    private boolean paused;
    private boolean cancelled;
    private boolean scheduled;

    private ReplayStream(List<StreamEvent> events, Vertx vertx, long delayMs) {
        this.events = List.copyOf(events);
        this.vertx = vertx;
        this.delayMs = delayMs;
    }

    /** Plays the events at once, as fast as the client reads them. */
    public static ReplayStream immediate(List<StreamEvent> events) {
        return new ReplayStream(events, null, 0);
    }

    /** Plays the events with {@code delayMs} before each delta, on {@code vertx}'s timers. */
    public static ReplayStream paced(List<StreamEvent> events, Vertx vertx, long delayMs) {
        return delayMs <= 0 ? immediate(events) : new ReplayStream(events, vertx, delayMs);
    }

    @Override
    public void start(Consumer<StreamEvent> onEvent, Consumer<GatewayError> onError, Runnable onEnd) {
        this.onEvent = onEvent;
        this.onEnd = onEnd;
        pump();
    }

    private void pump() {
        while (!paused && !cancelled && !scheduled && next < events.size()) {
            StreamEvent event = events.get(next);
            if (delayMs > 0 && event instanceof StreamEvent.BlockDelta) {
                scheduled = true;
                vertx.setTimer(delayMs, t -> {
                    scheduled = false;
                    if (!cancelled) {
                        next++;
                        onEvent.accept(event);
                        pump();
                    }
                });
                return;
            }
            next++;
            onEvent.accept(event);
        }
        if (!paused && !cancelled && !scheduled && next == events.size()) {
            next++;
            onEnd.run();
        }
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            pump();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
