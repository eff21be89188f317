package dev.junction.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * How late each event loop runs a task scheduled on it ({@code junction_event_loop_lag_seconds{loop}}): every
 * {@link #INTERVAL_MILLIS} a task on the loop measures how far past its due time it started. A loop busy with
 * blocking or long work shows here first.
 */
final class EventLoopLag implements AutoCloseable {

    static final long INTERVAL_MILLIS = 500;

    private volatile boolean closed;

    /** Starts measuring every event loop of {@code vertx}. */
    EventLoopLag(Vertx vertx, MeterRegistry registry) {
        int i = 0;
        for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
            Timer lag = Timer.builder("junction.event_loop.lag")
                    .description("How late a task scheduled on the event loop started")
                    .tags("loop", Integer.toString(i++))
                    .serviceLevelObjectives(Buckets.durations(Buckets.LAG_SECONDS)).register(registry);
            schedule(loop, lag);
        }
    }

    private void schedule(EventExecutor loop, Timer lag) {
        if (closed || loop.isShuttingDown()) {
            return;
        }
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS);
        try {
            loop.schedule(() -> {
                lag.record(Math.max(0, System.nanoTime() - due), TimeUnit.NANOSECONDS);
                schedule(loop, lag);
            }, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the loop is shutting down: nothing left to measure
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
