package dev.junction.limit;

import java.time.Duration;

/** Turns bucket readings into {@link LimitStatus}es, alike for both limiters. */
final class Statuses {

    private Statuses() {
    }

    /** A request or token bucket's status; debt reads as nothing remaining. */
    static LimitStatus bucket(LimitKind kind, long limit, long remaining, long fullInMicros) {
        return new LimitStatus(kind, limit, Math.max(0, remaining), ceilMillis(fullInMicros));
    }

    /** The concurrency status with {@code active} leases held. */
    static LimitStatus concurrency(long limit, long active) {
        return new LimitStatus(LimitKind.CONCURRENCY, limit, Math.max(0, limit - active), Duration.ZERO);
    }

    /** {@code micros} rounded up to whole milliseconds. */
    static Duration ceilMillis(long micros) {
        return Duration.ofMillis(Math.ceilDiv(Math.max(0, micros), 1000));
    }
}
