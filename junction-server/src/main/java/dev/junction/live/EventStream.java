package dev.junction.live;

import dev.junction.events.EventBus;
import dev.junction.events.GatewayEvent;
import dev.junction.json.Json;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One reader of the live stream. The publisher (any thread, often a request's event loop) only offers the event to
 * a bounded queue, or counts it as lost when the queue is full, and at most once schedules a drain; the reader's own
 * event loop writes what is queued while the response's write queue has room. When it is full the events wait in the
 * queue, and what overflows is counted; once the reader catches up it first gets a {@code lost} event saying how
 * many were dropped. Comment lines every {@link #HEARTBEAT_MILLIS} keep idle connections open.
 */
final class EventStream {

    static final long HEARTBEAT_MILLIS = 15_000;
    /** The most events written in one event-loop task, so that one reader never holds its loop long. */
    private static final int BATCH = 64;

    private final HttpServerResponse response;
    private final Context context;
    private final java.util.function.Predicate<Optional<String>> admits;
    private final BlockingQueue<GatewayEvent> queue;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;
    private EventBus.Subscription subscription;
    private long heartbeat;
    private final Runnable onClose;
    private final AtomicBoolean ended = new AtomicBoolean();

    /** @param admits whether the reader sees an event of this tenant (empty: a gateway-wide event) */
    EventStream(HttpServerResponse response, Context context, java.util.function.Predicate<Optional<String>> admits,
                int capacity, Runnable onClose) {
        this.response = response;
        this.onClose = onClose;
        this.context = context;
        this.admits = admits;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Sends the stream's head and subscribes; runs on the reader's event loop. */
    void start(EventBus events) {
        response.setChunked(true).putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache").putHeader("x-accel-buffering", "no");
        response.write(": connected\n\n");
        response.drainHandler(v -> drain());
        response.closeHandler(v -> close());
        heartbeat = context.owner().setPeriodic(HEARTBEAT_MILLIS, id -> {
            if (!response.writeQueueFull()) {
                response.write(": heartbeat\n\n");
            }
        });
        subscription = events.subscribe(this::offer);
        if (closed) { // the reader left before the subscription was in place
            subscription.close();
        }
    }

    /** Called on the publisher's thread: never blocks, never writes. */
    private void offer(GatewayEvent event) {
        if (closed || !admits.test(event.tenantId())) {
            return;
        }
        if (!queue.offer(event)) {
            lost.incrementAndGet();
        }
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        scheduled.set(false);
        for (int written = 0; !closed; written++) {
            if (response.writeQueueFull()) {
                scheduled.set(true); // the drain handler resumes; until then offers need not wake this loop
                return;
            }
            if (written == BATCH) {
                if (scheduled.compareAndSet(false, true)) {
                    context.runOnContext(v -> drain());
                }
                return;
            }
            long dropped = lost.getAndSet(0);
            if (dropped > 0) {
                write("lost", Json.object().put("dropped", dropped).toString());
                continue;
            }
            GatewayEvent event = queue.poll();
            if (event == null) {
                return;
            }
            write(event.kind(), EventSummary.of(event).toString());
        }
    }

    private void write(String name, String data) {
        response.write(Buffer.buffer("event: " + name + "\ndata: " + data + "\n\n"));
    }

    private void close() {
        closed = true;
        if (ended.compareAndSet(false, true)) {
            onClose.run();
        }
        context.owner().cancelTimer(heartbeat);
        if (subscription != null) {
            subscription.close();
        }
        queue.clear();
    }
}
