package dev.junction.mock;

import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.upstream.EventStream;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plays a list of events, with a delay before each text or argument delta. Runs on the event loop that started it;
 * honours pause and resume like a network stream would.
 */
final class TimedEventStream implements EventStream<StreamEvent> {

    private final Vertx vertx;
    private final List<StreamEvent> events;
    private final long delayMs;
    private Consumer<StreamEvent> onEvent;
    private Runnable onEnd;
    private int next;
    private boolean paused;
    private boolean cancelled;
    private boolean scheduled;

    TimedEventStream(Vertx vertx, List<StreamEvent> events, long delayMs) {
        this.vertx = vertx;
        this.events = events;
        this.delayMs = delayMs;
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
        if (!cancelled && next == events.size()) {
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
