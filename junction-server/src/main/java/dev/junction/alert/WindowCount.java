package dev.junction.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * How many events, and how many of them matched, over a sliding window: sixty buckets (of at least 100 ms), so the
 * memory is bounded whatever the traffic. Not thread safe (used on the alert thread only).
 */
final class WindowCount {

    private final long windowMillis;
    private final long bucketMillis;
    private final ArrayDeque<long[]> buckets = new ArrayDeque<>(); // {start, total, matching}

    WindowCount(Duration window) {
        this.windowMillis = window.toMillis();
        this.bucketMillis = Math.max(100, windowMillis / 60);
    }

    void add(Instant at, boolean matching) {
        long start = at.toEpochMilli() / bucketMillis * bucketMillis;
        long[] last = buckets.peekLast();
        if (last == null || last[0] < start) {
            last = new long[] {start, 0, 0};
            buckets.addLast(last);
        }
        last[1]++;
        if (matching) {
            last[2]++;
        }
    }

    /** Forgets the buckets that ended before the window ending {@code now}. */
    void expire(Instant now) {
        long oldest = now.toEpochMilli() - windowMillis;
        while (!buckets.isEmpty() && buckets.peekFirst()[0] + bucketMillis <= oldest) {
            buckets.removeFirst();
        }
    }

    long total() {
        return buckets.stream().mapToLong(b -> b[1]).sum();
    }

    long matching() {
        return buckets.stream().mapToLong(b -> b[2]).sum();
    }

    boolean isEmpty() {
        return buckets.isEmpty();
    }
}
