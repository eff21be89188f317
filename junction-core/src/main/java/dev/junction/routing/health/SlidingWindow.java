package dev.junction.routing.health;

import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Counts events and their weights over a sliding span of time, in a fixed ring of buckets (per second for spans up
 * to ten minutes, wider beyond), so its memory is bounded whatever the traffic. At a moment the window holds the
 * bucket of that moment and the ones before it, up to the span. Times are {@link System#nanoTime} readings.
 *
 * <p>Not thread safe: its owner guards it.
 */
final class SlidingWindow {

    /** Event and weight totals over the window. */
    record Totals(long count, long weight) {}

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final int MAX_BUCKETS = 600;

    private final long bucketNanos;
    private final long[] bucketIds;
    private final long[] counts;
    private final long[] weights;

    /** A window over {@code span}, at least one second long. */
    SlidingWindow(Duration span) {
        long spanNanos = Math.max(span.toNanos(), SECOND);
        int buckets = (int) Math.min(MAX_BUCKETS, Math.ceilDiv(spanNanos, SECOND));
        this.bucketNanos = Math.ceilDiv(spanNanos, buckets);
        this.bucketIds = new long[buckets];
        this.counts = new long[buckets];
        this.weights = new long[buckets];
        Arrays.fill(bucketIds, Long.MIN_VALUE);
    }

    /** Counts one event of {@code weight} at {@code now}. */
    void add(long now, long weight) {
        long id = bucketOf(now);
        int slot = slotOf(id);
        if (bucketIds[slot] != id) {
            bucketIds[slot] = id;
            counts[slot] = 0;
            weights[slot] = 0;
        }
        counts[slot]++;
        weights[slot] += weight;
    }

    /**
     * Changes the weight of the event counted at {@code at} by {@code delta} (its count stays, its weight never goes
     * below zero), when the window at {@code now} still holds it.
     *
     * @return whether it did; false when the event has left the window
     */
    boolean reweigh(long at, long now, long delta) {
        long id = bucketOf(at);
        int slot = slotOf(id);
        if (!inWindow(id, bucketOf(now)) || bucketIds[slot] != id) {
            return false;
        }
        weights[slot] = Math.max(0, weights[slot] + delta);
        return true;
    }

    /** Adds {@code weight} at {@code now} without counting an event. */
    void addWeight(long now, long weight) {
        long id = bucketOf(now);
        int slot = slotOf(id);
        if (bucketIds[slot] != id) {
            bucketIds[slot] = id;
            counts[slot] = 0;
            weights[slot] = 0;
        }
        weights[slot] += weight;
    }

    /** The events and weight in the window at {@code now}. */
    Totals totals(long now) {
        long current = bucketOf(now);
        long count = 0;
        long weight = 0;
        for (int slot = 0; slot < bucketIds.length; slot++) {
            if (inWindow(bucketIds[slot], current)) {
                count += counts[slot];
                weight += weights[slot];
            }
        }
        return new Totals(count, weight);
    }

    /**
     * When the window, left alone, will hold fewer than {@code maxCount} events and less than {@code maxWeight}
     * weight: {@code now} when it already does, empty when it never will (a limit of zero or less).
     */
    OptionalLong whenBelow(long now, long maxCount, long maxWeight) {
        if (maxCount <= 0 || maxWeight <= 0) {
            return OptionalLong.empty();
        }
        Totals totals = totals(now);
        long count = totals.count();
        long weight = totals.weight();
        if (count < maxCount && weight < maxWeight) {
            return OptionalLong.of(now);
        }
        long current = bucketOf(now);
        for (long id = current - bucketIds.length + 1; id <= current; id++) {
            int slot = slotOf(id);
            if (bucketIds[slot] == id) {
                count -= counts[slot];
                weight -= weights[slot];
            }
            if (count < maxCount && weight < maxWeight) {
                return OptionalLong.of((id + bucketIds.length) * bucketNanos);
            }
        }
        return OptionalLong.of((current + bucketIds.length) * bucketNanos);
    }

    /** Forgets everything counted. */
    void clear() {
        Arrays.fill(bucketIds, Long.MIN_VALUE);
    }

    private boolean inWindow(long id, long current) {
        return id <= current && id > current - bucketIds.length;
    }

    private long bucketOf(long now) {
        return Math.floorDiv(now, bucketNanos);
    }

    private int slotOf(long id) {
        return (int) Math.floorMod(id, (long) bucketIds.length);
    }
}
