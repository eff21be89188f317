package dev.junction.upstream;

import dev.junction.model.GatewayError;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A 2xx upstream response whose body is relayed as bytes (audio): each chunk goes on as it arrives, with the
 * response's own back-pressure ({@link #pause} pauses the socket), watched by the idle timeout. Made paused, right
 * when the response's head arrived; {@link #start} lets the bytes flow. Confined to the response's event loop.
 */
final class HttpByteStream implements EventStream<Buffer> {

    private final Vertx vertx;
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final Duration idle;
    private final NetworkErrors errors;
    private final Runnable onFinished;
    private long idleTimer = -1;
    private long lastActivity = System.nanoTime();
    private boolean paused;
    private boolean finished;
    private Consumer<GatewayError> onError = error -> { };

    HttpByteStream(Vertx vertx, HttpClientRequest request, HttpClientResponse response, Duration idle,
                   NetworkErrors errors, Runnable onFinished) {
        this.vertx = vertx;
        this.request = request;
        this.response = response;
        this.idle = idle;
        this.errors = errors;
        this.onFinished = onFinished;
        response.pause();
    }

    @Override
    public void start(Consumer<Buffer> onChunk, Consumer<GatewayError> onError, Runnable onEnd) {
        this.onError = onError;
        response.handler(chunk -> {
            lastActivity = System.nanoTime();
            if (!finished) {
                onChunk.accept(chunk);
            }
        });
        response.endHandler(v -> {
            if (finish()) {
                onEnd.run();
            }
        });
        response.exceptionHandler(t -> {
            if (finish()) {
                onError.accept(errors.ofStream(t));
            }
        });
        scheduleIdleCheck(idle.toMillis());
        response.resume();
    }

    /** Ends the stream with an error from outside (the total timeout), unless it has ended already. */
    void fail(GatewayError error) {
        if (finish()) {
            request.reset();
            onError.accept(error);
        }
    }

    private boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        vertx.cancelTimer(idleTimer);
        onFinished.run();
        return true;
    }

    private void scheduleIdleCheck(long delayMs) {
        idleTimer = vertx.setTimer(Math.max(1, delayMs), t -> {
            if (finished) {
                return;
            }
            long silentMs = (System.nanoTime() - lastActivity) / 1_000_000;
            if (paused) { // the client is slow: the silence is ours, not the upstream's
                lastActivity = System.nanoTime();
                scheduleIdleCheck(idle.toMillis());
            } else if (silentMs >= idle.toMillis()) {
                fail(new GatewayError.Timeout("The upstream provider '" + errors.provider() + "' sent nothing for "
                        + idle.toMillis() + " ms mid-stream."));
            } else {
                scheduleIdleCheck(idle.toMillis() - silentMs);
            }
        });
    }

    @Override
    public void pause() {
        paused = true;
        response.pause();
    }

    @Override
    public void resume() {
        paused = false;
        lastActivity = System.nanoTime();
        if (!finished) {
            response.resume();
        }
    }

    @Override
    public void cancel() {
        if (finish()) {
            request.reset();
        }
    }
}
