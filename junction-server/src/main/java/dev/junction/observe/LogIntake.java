package dev.junction.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Where event loops leave request-log records (of type {@code T}) for the journal thread: a bounded queue and, when that is full, a
 * bounded overflow buffer that the writer moves to the spool. Producers never wait and never take a lock (linked
 * queues and counters, so an offer is O(1)); any number of threads may offer. Exactly one consumer thread drains and
 * waits.
 */
final class LogIntake<T> {

    /** Where an offered record went. */
    enum Outcome { QUEUED, OVERFLOWED, REJECTED }

    private final Bounded<T> queue;
    private final Bounded<T> overflow;
    private final int batchSize; // the consumer is woken when the queue reaches it
    private volatile Thread waiter;

    LogIntake(int queueCapacity, int overflowCapacity, int batchSize) {
        this.queue = new Bounded<>(queueCapacity);
        this.overflow = new Bounded<>(overflowCapacity);
        this.batchSize = batchSize;
    }

    /** Leaves a record for the consumer; wakes it when a batch is complete or the queue overflows. */
    Outcome offer(T r) {
        int size = queue.add(r);
        if (size > 0) {
            if (size == batchSize) {
                wake();
            }
            return Outcome.QUEUED;
        }
        size = overflow.add(r);
        if (size > 0) {
            wake();
            return Outcome.OVERFLOWED;
        }
        return Outcome.REJECTED;
    }

    /** Takes back a record offered with the given outcome, unless the consumer already took it. */
    boolean withdraw(T r, Outcome outcome) {
        return switch (outcome) {
            case QUEUED -> queue.remove(r);
            case OVERFLOWED -> overflow.remove(r);
            case REJECTED -> false;
        };
    }

    /** Up to {@code max} queued records, oldest first; consumer only. */
    List<T> drainQueue(int max) {
        return queue.drain(max);
    }

    /** Up to {@code max} overflowed records, oldest first; consumer only. */
    List<T> drainOverflow(int max) {
        return overflow.drain(max);
    }

    /** Records waiting (queue and overflow). */
    int size() {
        return queue.count.get() + overflow.count.get();
    }

    /**
     * Parks the consumer until a batch is queued, something overflowed, the thread is unparked, or the deadline
     * (a {@link System#nanoTime} value) passes. May return early; callers re-check their own conditions.
     */
    void await(long deadlineNanos) {
        waiter = Thread.currentThread();
        long wait = deadlineNanos - System.nanoTime();
        // Checked after publishing the waiter: an offer that lands in between unparks us, so the park returns.
        if (wait > 0 && queue.count.get() < batchSize && overflow.count.get() == 0) {
            LockSupport.parkNanos(this, wait);
        }
    }

    /** Ends the consumer's current wait (or its next one, if it is not waiting). */
    private void wake() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** A linked queue with a capacity, kept by a counter that a slot is reserved in before the element is added. */
    private static final class Bounded<T> {
        private final Queue<T> items = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();
        private final int capacity;

        Bounded(int capacity) {
            this.capacity = capacity;
        }

        /** The size after adding, or 0 when full. */
        int add(T r) {
            int size = count.incrementAndGet();
            if (size > capacity) {
                count.decrementAndGet();
                return 0;
            }
            items.add(r);
            return size;
        }

        boolean remove(T r) {
            if (!items.remove(r)) {
                return false;
            }
            count.decrementAndGet();
            return true;
        }

        List<T> drain(int max) {
            List<T> out = new ArrayList<>(Math.min(max, Math.max(count.get(), 1)));
            T r;
            while (out.size() < max && (r = items.poll()) != null) {
                out.add(r);
                count.decrementAndGet();
            }
            return out;
        }
    }
}
