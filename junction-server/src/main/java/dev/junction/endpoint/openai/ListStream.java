package dev.junction.endpoint.openai;

import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.EventStream;
import java.util.List;
import java.util.function.Consumer;

/** A finished list of events as a stream, for complete replies that a client asked to receive streamed. */
final class ListStream implements EventStream<StreamEvent> {

    private final List<StreamEvent> events;
    private Consumer<StreamEvent> onEvent;
    private Runnable onEnd;
    private int next;
    private boolean paused;
    private boolean cancelled;

    private ListStream(List<StreamEvent> events) {
        this.events = events;
    }

    static ListStream of(List<StreamEvent> events, Cancellation cancellation) {
        ListStream stream = new ListStream(events);
        cancellation.onCancel(stream::cancel);
        return stream;
    }

    @Override
    public void start(Consumer<StreamEvent> onEvent, Consumer<GatewayError> onError, Runnable onEnd) {
        this.onEvent = onEvent;
        this.onEnd = onEnd;
        pump();
    }

    private void pump() {
        while (!paused && !cancelled && next < events.size()) {
            onEvent.accept(events.get(next++));
        }
        if (!paused && !cancelled && next == events.size()) {
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
