package dev.junction.endpoint;

import dev.junction.model.GatewayError;
import dev.junction.upstream.EventStream;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/** A body that is all here, as a stream of one chunk: delivered on start unless paused or cancelled. */
final class WholeBody implements EventStream<Buffer> {

    private final Buffer body;
    private Consumer<Buffer> onChunk;
    private Runnable onEnd;
    private boolean paused;
    private boolean done;

    WholeBody(Buffer body) {
        this.body = body;
    }

    @Override
    public void start(Consumer<Buffer> onChunk, Consumer<GatewayError> onError, Runnable onEnd) {
        this.onChunk = onChunk;
        this.onEnd = onEnd;
        deliver();
    }

    private void deliver() {
        if (done || paused || onChunk == null) {
            return;
        }
        done = true;
        onChunk.accept(body);
        onEnd.run();
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
        deliver();
    }

    @Override
    public void cancel() {
        done = true;
    }
}
