package dev.junction.routing.health;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An exponentially weighted moving average of the time to first byte, in milliseconds. Each sample moves the
 * average a fifth of the way towards it ({@link #ALPHA} = 0.2): the last few attempts dominate, so a deployment that
 * slows down or recovers shows it within a handful of requests, while one odd sample moves it only 20 %. The first
 * sample sets the average.
 *
 * <p>Thread safe and lock-free.
 */
final class LatencyAverage {

    /** The weight of each new sample. */
    static final double ALPHA = 0.2;

    private final AtomicLong averageBits = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));
    private volatile long lastSampleNanos = Long.MIN_VALUE;

    /** Adds a sample taken at {@code now}; negative durations count as zero. */
    void add(Duration sample, long now) {
        double millis = Math.max(0, sample.toNanos()) / 1_000_000.0;
        averageBits.getAndUpdate(bits -> {
            double average = Double.longBitsToDouble(bits);
            double next = Double.isNaN(average) ? millis : average + ALPHA * (millis - average);
            return Double.doubleToRawLongBits(next);
        });
        lastSampleNanos = now;
    }

    /** The average in milliseconds; NaN before the first sample. */
    double millis() {
        return Double.longBitsToDouble(averageBits.get());
    }

    /** When the last sample was taken; {@code Long.MIN_VALUE} when none was. */
    long lastSampleNanos() {
        return lastSampleNanos;
    }
}
