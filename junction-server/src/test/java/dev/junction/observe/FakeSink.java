package dev.junction.observe;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory sink that records every batch it accepts. It can be switched down (every write fails) and up, and
 * held: writes that start after {@link #hold} block until that hold is released, so a test can keep the writer
 * thread busy at a known point.
 */
final class FakeSink implements RequestLogSink {

    /** A hold: {@code reached} opens when a write reaches it, {@code gate} lets the writes through. */
    record Hold(CountDownLatch reached, CountDownLatch gate) {

        void awaitEntered() throws InterruptedException {
            if (!reached.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the writer never called the sink");
            }
        }

        void release() {
            gate.countDown();
        }
    }

    private final List<List<LoggedRequest>> batches = new ArrayList<>();
    private volatile boolean up = true;
    private volatile Hold hold = new Hold(new CountDownLatch(0), new CountDownLatch(0));
    private final AtomicInteger failedCalls = new AtomicInteger();
    private volatile Thread caller;

    @Override
    public void write(List<LoggedRequest> batch) throws Exception {
        caller = Thread.currentThread();
        Hold h = hold;
        h.reached.countDown();
        if (!h.gate.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the sink");
        }
        if (!up) {
            failedCalls.incrementAndGet();
            throw new SQLException("database is down");
        }
        synchronized (this) {
            batches.add(List.copyOf(batch));
        }
    }

    void down() {
        up = false;
    }

    void up() {
        up = true;
    }

    /** Makes every write from now on block until the returned hold is released (or another hold replaces it). */
    Hold hold() {
        Hold h = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        hold = h;
        return h;
    }

    /** Lets later writes through without blocking. */
    void unhold() {
        hold = new Hold(new CountDownLatch(0), new CountDownLatch(0));
    }

    /** The thread of the latest write. */
    Thread caller() {
        return caller;
    }

    int failedCalls() {
        return failedCalls.get();
    }
    synchronized List<List<LoggedRequest>> batches() {
        return List.copyOf(batches);
    }

    /** Every stored request id, duplicates included, in the order stored. */
    synchronized List<String> ids() {
        List<String> ids = new ArrayList<>();
        batches.forEach(b -> b.forEach(r -> ids.add(r.requestId())));
        return ids;
    }

    synchronized Set<String> distinctIds() {
        return new HashSet<>(ids());
    }

    synchronized int count() {
        return batches.stream().mapToInt(List::size).sum();
    }
}
