package dev.junction.limit;

/**
 * A token bucket of the local limiter, kept as GCRA: one number, the "theoretical arrival time" (microseconds) at which
 * the bucket is full again. A bucket of capacity L refills one unit every 60 s / L; taking n units moves the time
 * n · 60 s / L later. A time at or before now means full; one more than a minute ahead means the bucket is in debt.
 * The arithmetic is the one {@code acquire.lua} does in Redis (doubles, floored), so both limiters count alike.
 * Not thread safe: guarded by its subject's lock.
 */
final class Bucket {

    /** The refill period: a bucket refills its whole capacity in a minute. */
    static final long PERIOD_MICROS = 60_000_000L;

    private long fullAt = Long.MIN_VALUE;

    /** How long {@code amount} units take to refill in a bucket of capacity {@code limit}. */
    static long cost(long amount, long limit) {
        return (long) Math.floor((double) amount * PERIOD_MICROS / limit);
    }

    /** How long until {@code amount} units fit; zero when they fit now. */
    long waitFor(long amount, long limit, long now) {
        return Math.max(0, Math.max(fullAt, now) + cost(amount, limit) - now - PERIOD_MICROS);
    }

    /** Takes {@code amount} units, going into debt if there are not that many. */
    void take(long amount, long limit, long now) {
        fullAt = Math.max(fullAt, now) + cost(amount, limit);
    }

    /** Gives {@code amount} units back, never beyond full. */
    void giveBack(long amount, long limit, long now) {
        fullAt = Math.max(Math.max(fullAt, now) - cost(amount, limit), now);
    }

    /** The whole units that may be taken now; negative in debt. */
    long remaining(long limit, long now) {
        return (long) Math.floor((double) (now + PERIOD_MICROS - Math.max(fullAt, now)) * limit / PERIOD_MICROS);
    }

    /** How long until the bucket is full; zero when it is. */
    long fullInMicros(long now) {
        return Math.max(fullAt, now) - now;
    }

    /** Whether the bucket is full, so that forgetting it changes nothing. */
    boolean full(long now) {
        return fullAt <= now;
    }
}
