package dev.junction.analytics;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * A mergeable latency histogram over fixed log-scale buckets of milliseconds: bucket 0 holds 0 ms, bucket
 * {@code k} (1 to {@value #BUCKETS} - 2) holds [2<sup>k-1</sup>, 2<sup>k</sup>) ms and the last holds everything from
 * 2<sup>{@value #BUCKETS} - 2</sup> ms (about 4.4 minutes) up. Histograms of any rows add bucket by bucket, so
 * percentiles over merged rows are exact to the bucket; within a bucket they are interpolated linearly (each
 * value taken at the middle of its share of the bucket). Not thread
 * safe.
 */
public final class Histogram {

    /** How many buckets (and {@code _bNN} columns per histogram). */
    public static final int BUCKETS = 20;

    private final long[] counts = new long[BUCKETS];

    /** The bucket a duration falls in; negative durations count as 0 ms. */
    public static int bucketOf(long millis) {
        if (millis <= 0) {
            return 0;
        }
        return Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(millis));
    }

    /** The smallest duration of a bucket, in milliseconds. */
    static long lowerBound(int bucket) {
        return bucket == 0 ? 0 : 1L << (bucket - 1);
    }

    /** Counts one duration. */
    public void record(long millis) {
        counts[bucketOf(millis)]++;
    }

    /** Adds {@code n} to one bucket (rows read back). */
    public void add(int bucket, long n) {
        counts[bucket] += n;
    }

    /** Adds another histogram's buckets. */
    public void merge(Histogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
    }

    /** One bucket's count. */
    public long count(int bucket) {
        return counts[bucket];
    }

    /** How many durations in all. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /**
     * The {@code q}-quantile (0 &lt; q ≤ 1) in milliseconds, empty when nothing was counted: the bucket holding the
     * rank {@code ceil(q × total)}, interpolated linearly across it (rank r of n at {@code (r - ½) / n}) (the open last bucket answers its lower bound).
     */
    public OptionalDouble quantile(double q) {
        long total = total();
        if (total == 0) {
            return OptionalDouble.empty();
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] > 0 && seen + counts[i] >= rank) {
                if (i == 0 || i == BUCKETS - 1) {
                    return OptionalDouble.of(lowerBound(i));
                }
                double low = lowerBound(i);
                double high = lowerBound(i + 1);
                return OptionalDouble.of(low + (high - low) * (rank - seen - 0.5) / counts[i]);
            }
            seen += counts[i];
        }
        throw new IllegalStateException("unreachable: the rank is at most the total");
    }
}
