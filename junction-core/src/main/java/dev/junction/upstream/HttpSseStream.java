package dev.junction.upstream;

import dev.junction.model.GatewayError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * An upstream SSE response as an {@link EventStream}. Before {@link #start} it buffers events and reports the first
 * one (which decides that the attempt succeeded); after, it delivers them as they come, watching the idle timeout.
 * Confined to the response's event loop.
 */
final class HttpSseStream implements EventStream<SseEvent> {

    private final Vertx vertx;
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final Duration idle;
    private final NetworkErrors errors;
    private final String provider;
    private final Runnable onFirstEvent;
    private final Consumer<GatewayError> onEarlyFailure;
    private final Runnable onFinished;
    private final ArrayDeque<SseEvent> buffered = new ArrayDeque<>();
    private Consumer<SseEvent> onEvent;
    private Consumer<GatewayError> onError;
    private Runnable onEnd;
    private boolean sawEvent;
    private boolean ended;
    private boolean finished;
    private long idleTimer = -1;
    private GatewayError pendingError;
    private boolean paused;
    private long lastActivity = System.nanoTime();

    HttpSseStream(Vertx vertx, HttpClientRequest request, HttpClientResponse response, Duration idle,
                  NetworkErrors errors, StreamFraming framing, Runnable onFirstEvent,
                  Consumer<GatewayError> onEarlyFailure, Runnable onFinished) {
        this.vertx = vertx;
        this.request = request;
        this.response = response;
        this.idle = idle;
        this.errors = errors;
        this.provider = errors.provider();
        this.onFirstEvent = onFirstEvent;
        this.onEarlyFailure = onEarlyFailure;
        this.onFinished = onFinished;
        StreamFraming.Parser parser = framing.parser(this::accept);
        response.handler(chunk -> {
            lastActivity = System.nanoTime();
            try {
                parser.feed(chunk);
            } catch (StreamFraming.MalformedStreamException e) {
                GatewayError error = new GatewayError.BadGateway("The upstream provider '" + provider + "' sent "
                        + e.getMessage() + ".", false);
                if (started()) {
                    fail(error);
                } else {
                    earlyFailure(error);
                    request.reset();
                }
            }
        });
        response.endHandler(v -> {
            parser.end();
            ended = true;
            if (!sawEvent) {
                earlyFailure(new GatewayError.BadGateway("The upstream provider '" + provider
                        + "' ended the stream before sending any event.", true));
            } else if (started()) {
                finish(null);
            }
        });
        response.exceptionHandler(t -> {
            if (finished) {
                return; // cancelled or timed out: the reset that ended it is no news
            }
            GatewayError error = errors.ofStream(t);
            if (started()) {
                finish(error);
            } else {
                earlyFailure(error);
            }
        });
    }

    boolean started() {
        return onEvent != null;
    }

    private void accept(SseEvent event) {
        if (started() && buffered.isEmpty()) {
            onEvent.accept(event);
            return;
        }
        buffered.add(event);
        // Only an event with data commits the attempt: keep-alive comments prove nothing about the answer.
        if (!sawEvent && event.hasData()) {
            sawEvent = true;
            response.pause();
            onFirstEvent.run();
        }
    }

    private void earlyFailure(GatewayError error) {
        if (finished) {
            return;
        }
        if (sawEvent) {
            // The attempt has already succeeded; the failure belongs to the stream and is reported by start().
            pendingError = error;
            return;
        }
        finished = true;
        vertx.cancelTimer(idleTimer);
        onEarlyFailure.accept(error);
    }

    @Override
    public void start(Consumer<SseEvent> onEvent, Consumer<GatewayError> onError, Runnable onEnd) {
        this.onEvent = onEvent;
        this.onError = onError;
        this.onEnd = onEnd;
        while (!buffered.isEmpty() && !finished) {
            onEvent.accept(buffered.poll());
        }
        if (pendingError != null) {
            finish(pendingError);
        } else if (ended) {
            finish(null);
        } else {
            armIdleTimer();
            response.resume();
        }
    }

    /** Ends the stream with an error from outside (the total timeout). */
    void fail(GatewayError error) {
        finish(error);
        request.reset();
    }

    private void finish(GatewayError error) {
        if (finished) {
            return;
        }
        finished = true;
        vertx.cancelTimer(idleTimer);
        onFinished.run();
        if (error == null) {
            onEnd.run();
        } else {
            onError.accept(error);
        }
    }

    /**
     * One timer per stream rather than one per chunk: when it fires it re-arms for the rest of the window if data
     * arrived meanwhile.
     */
    private void armIdleTimer() {
        if (!started() || finished) {
            return;
        }
        lastActivity = System.nanoTime();
        scheduleIdleCheck(idle.toMillis());
    }

    private void scheduleIdleCheck(long delayMs) {
        idleTimer = vertx.setTimer(Math.max(1, delayMs), t -> {
            if (finished) {
                return;
            }
            long silentMs = (System.nanoTime() - lastActivity) / 1_000_000;
            if (paused) {
                // The gateway stopped reading (the client is slow): silence is ours, not the upstream's.
                lastActivity = System.nanoTime();
                scheduleIdleCheck(idle.toMillis());
            } else if (silentMs >= idle.toMillis()) {
                fail(new GatewayError.Timeout("The upstream provider '" + provider + "' sent nothing for "
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
        finished = true;
        vertx.cancelTimer(idleTimer);
        onFinished.run();
        request.reset();
    }
}
