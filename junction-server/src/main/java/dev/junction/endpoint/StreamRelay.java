package dev.junction.endpoint;

import dev.junction.dialect.PassThroughWatcher;
import dev.junction.dialect.StreamDecoder;
import dev.junction.dialect.StreamEncoder;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.StreamTransform;
import dev.junction.upstream.EventStream;
import dev.junction.upstream.SseEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.Predicate;

/**
 * Streams an upstream's events to a client, pausing the upstream while the client's socket is backed up. Three ways:
 * <ul>
 *   <li>{@link #passThrough}: the upstream speaks the client's dialect, so its bytes go out as received (the fast
 *       path); a {@link PassThroughWatcher} finds usage, the end and errors on the side;</li>
 *   <li>{@link #translate}: another dialect, decoded to canonical events and re-encoded in the client's;</li>
 *   <li>{@link #encode}: canonical events (in-process providers, complete replies turned into streams).</li>
 * </ul>
 * On the last two, every canonical event passes through the stages' {@link StreamTransform}s in order before it is
 * encoded; a transform's {@link StreamEvent.StreamError} ends the stream with the dialect's error frame and stops the
 * upstream, and a stream whose upstream finished ends once every transform has {@linkplain StreamTransform#settled()
 * settled}.
 * Every way ends the response exactly once, with the dialect's error frame if the stream failed. Confined to the
 * request's event loop.
 */
public final class StreamRelay {

    private final HttpServerResponse response;
    private final RequestRecord record;
    private final StreamEncoder encoder;
    /** The first of the stages' stream transforms, ending in {@link #deliver}; built once per stream. */
    private final Consumer<StreamEvent> entry;
    private final List<StreamTransform> transforms;
    private EventStream<?> source;
    private Supplier<Future<Void>> beforeEnd = () -> Future.succeededFuture();
    private Supplier<Future<Void>> closing = () -> Future.succeededFuture();
    private boolean finished;
    private Buffer pending;

    /**
     * @param encoder the client dialect's encoder: it writes translated streams, and error frames on every path
     * @param transforms the stages' transforms, applied in order to every canonical event (not to pass-through bytes)
     */
    public StreamRelay(HttpServerResponse response, RequestRecord record, StreamEncoder encoder,
                       List<StreamTransform> transforms) {
        this.response = response;
        this.record = record;
        this.encoder = encoder;
        this.transforms = List.copyOf(transforms);
        Consumer<StreamEvent> sink = this::deliver;
        for (int i = transforms.size() - 1; i >= 0; i--) {
            StreamTransform transform = transforms.get(i);
            Consumer<StreamEvent> next = sink;
            sink = event -> {
                if (!finished) {
                    transform.onEvent(event, next);
                }
            };
        }
        this.entry = sink;
    }

    /**
     * What must happen before a stream that ended well sends its last bytes (a conversation store filing the answer);
     * the last bytes wait for the future, however it completes. Not called for a stream that fails.
     */
    public StreamRelay beforeEnd(Supplier<Future<Void>> hook) {
        this.beforeEnd = hook;
        return this;
    }

    /**
     * What every stream waits for right before its last bytes, after {@link #beforeEnd}, whether it ended well or
     * not: the pipeline finishing the request ({@code Exchange::beforeEnd}, the request log's journal).
     */
    public StreamRelay closing(Supplier<Future<Void>> hook) {
        this.closing = hook;
        return this;
    }

    /** Writes the status and headers of a stream; {@code contentType} is the client dialect's. */
    public StreamRelay head(String contentType) {
        response.setStatusCode(200).setChunked(true)
                .putHeader("content-type", contentType)
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
        record.status(200);
        return this;
    }

    /**
     * Relays an upstream stream of the client's own dialect untouched, except for events {@code withhold} names
     * (OpenAI's usage chunk the client did not ask for) and upstream error events, which are re-rendered so that
     * their message is redacted.
     */
    public void passThrough(EventStream<SseEvent> events, PassThroughWatcher watcher, Predicate<SseEvent> withhold) {
        source = events;
        events.start(event -> {
            boolean hadError = watcher.error().isPresent();
            watcher.observe(event);
            if (!hadError && watcher.error().isPresent()) {
                fail(watcher.error().get());
                return;
            }
            record.usage(watcher.usage());
            if (!withhold.test(event)) {
                write(event.raw());
            }
        }, this::fail, () -> {
            record.finishReasons(watcher.finishReasons());
            if (watcher.complete()) {
                end();
            } else {
                fail(cut());
            }
        });
    }

    /** Decodes an upstream stream of another dialect and re-encodes it in the client's. */
    public void translate(EventStream<SseEvent> events, StreamDecoder decoder) {
        source = events;
        events.start(event -> emit(decoder.decode(event)), this::fail, () -> {
            emit(decoder.finish());
            settled().onComplete(v -> {
                if (!finished) {
                    if (decoder.done()) {
                        end();
                    } else {
                        fail(cut());
                    }
                }
            });
        });
    }

    /** Encodes canonical events. A stream that ends without {@link StreamEvent.MessageStop} gets one. */
    public void encode(EventStream<StreamEvent> events) {
        source = events;
        boolean[] stopped = {false};
        events.start(event -> {
            stopped[0] |= event instanceof StreamEvent.MessageStop;
            if (!finished) {
                entry.accept(event);
            }
        }, this::fail, () -> {
            if (!stopped[0] && !finished) {
                entry.accept(new StreamEvent.MessageStop());
            }
            settled().onComplete(v -> end());
        });
    }

    /** Completes when every transform has passed on what it holds back (a check of the whole answer). */
    private Future<Void> settled() {
        if (transforms.isEmpty()) {
            return Future.succeededFuture();
        }
        return Future.join(transforms.stream().map(StreamTransform::settled).toList()).mapEmpty();
    }

    private void emit(List<StreamEvent> canonical) {
        for (StreamEvent event : canonical) {
            if (finished) {
                return;
            }
            entry.accept(event);
        }
    }

    /** Writes one canonical event, after the stages' transforms, in the client's dialect. */
    private void deliver(StreamEvent event) {
        if (finished) {
            return;
        }
        switch (event) {
            case StreamEvent.StreamError e -> {
                fail(e.error());
                if (source != null) {
                    source.cancel(); // the upstream may still be generating: stop it
                }
                return;
            }
            case StreamEvent.UsageUpdate u -> record.usage(u.usage());
            case StreamEvent.Finish f -> record.finished(f.reason());
            default -> { }
        }
        String frames = encoder.encode(event);
        if (!frames.isEmpty()) {
            write(Buffer.buffer(frames));
        }
        if (event instanceof StreamEvent.MessageStop) {
            end();
        }
    }

    private static GatewayError cut() {
        return new GatewayError.BadGateway("The upstream ended the stream without finishing it.", false);
    }

    /**
     * Queues bytes for the client and flushes them at the end of the current event-loop task, so the events of one
     * upstream network read leave in one write. Nothing waits for more data: an event is never held back.
     */
    private void write(Buffer buffer) {
        if (finished || response.closed()) {
            return;
        }
        record.firstByte();
        if (pending == null) {
            pending = Buffer.buffer(buffer.length() * 2);
            Vertx.currentContext().runOnContext(v -> flush());
        }
        pending.appendBuffer(buffer);
    }

    private void flush() {
        Buffer out = pending;
        pending = null;
        if (out == null || response.closed() || response.ended()) {
            return;
        }
        response.write(out);
        if (response.writeQueueFull()) {
            source.pause();
            response.drainHandler(v -> source.resume());
        }
    }

    /** Ends the stream with the client dialect's error frame; its SDK raises it as an API error. */
    private void fail(GatewayError error) {
        if (finished) {
            return;
        }
        record.error(error);
        if (!response.closed()) {
            record.firstByte();
            appendPending(Buffer.buffer(encoder.encode(new StreamEvent.StreamError(error))));
        }
        end();
    }

    private void end() {
        if (finished) {
            return;
        }
        finished = true;
        if (response.closed() || response.ended()) {
            return;
        }
        Buffer last = pending;
        pending = null;
        Future<Void> before = record.failure().isPresent() ? Future.succeededFuture() : beforeEnd.get();
        before.eventually(() -> closing.get()).onComplete(done -> {
            if (response.closed() || response.ended()) {
                return;
            }
            if (last == null) {
                response.end();
            } else {
                response.end(last);
            }
        });
    }

    private void appendPending(Buffer buffer) {
        if (pending == null) {
            pending = Buffer.buffer(buffer.length());
        }
        pending.appendBuffer(buffer);
    }
}
