package dev.junction.analytics;

import dev.junction.observe.LoggedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The additive figures of one rollup row (or of several added up): counters, token and cost sums, and the latency
 * and time-to-first-byte histograms. Every figure adds, which is what lets replicas upsert the same row with
 * {@code x = x + excluded.x}. Not thread safe.
 */
public final class RollupFigures {

    /** The counter columns, in the order of {@link #counters()}. */
    public static final List<String> COUNTERS = List.of("requests", "errors", "cache_hits", "input_tokens",
            "output_tokens", "cached_read_tokens", "cache_write_tokens", "reasoning_tokens", "metered_nanos",
            "standard_nanos", "charged_nanos", "fallbacks", "latency_sum_ms", "ttft_count", "ttft_sum_ms",
            "fallbacks_caused");
    /** Every column: the counters, then {@code latency_b00…} and {@code ttft_b00…}. */
    public static final List<String> COLUMNS = columns();

    private static final int REQUESTS = 0;
    private static final int ERRORS = 1;
    private static final int CACHE_HITS = 2;
    private static final int INPUT = 3;
    private static final int OUTPUT = 4;
    private static final int CACHED_READ = 5;
    private static final int CACHE_WRITE = 6;
    private static final int REASONING = 7;
    private static final int METERED = 8;
    private static final int STANDARD = 9;
    private static final int CHARGED = 10;
    private static final int FALLBACKS = 11;
    private static final int LATENCY_SUM = 12;
    private static final int TTFT_COUNT = 13;
    private static final int TTFT_SUM = 14;
    private static final int FALLBACKS_CAUSED = 15;

    private final long[] counters = new long[COUNTERS.size()];
    private final Histogram latency = new Histogram();
    private final Histogram ttft = new Histogram();

    private static List<String> columns() {
        List<String> all = new ArrayList<>(COUNTERS);
        for (String h : List.of("latency", "ttft")) {
            for (int i = 0; i < Histogram.BUCKETS; i++) {
                all.add(h + "_b" + (i < 10 ? "0" : "") + i);
            }
        }
        return List.copyOf(all);
    }

    /** Counts one finished request. */
    public void add(LoggedRequest r) {
        counters[REQUESTS]++;
        counters[ERRORS] += ErrorClass.of(r).isEmpty() ? 0 : 1;
        counters[CACHE_HITS] += r.cacheHit() ? 1 : 0;
        counters[INPUT] += r.usage().inputTokens();
        counters[OUTPUT] += r.usage().outputTokens();
        counters[CACHED_READ] += r.usage().cachedReadTokens();
        counters[CACHE_WRITE] += r.usage().cacheWriteTokens();
        counters[REASONING] += r.usage().reasoningTokens();
        counters[METERED] += r.costs().meteredNanos();
        counters[STANDARD] += r.costs().standardNanos();
        counters[CHARGED] += r.costs().chargedNanos();
        counters[FALLBACKS] += Fallbacks.fellBack(r) ? 1 : 0;
        counters[LATENCY_SUM] += Math.max(0, r.latencyMillis());
        latency.record(r.latencyMillis());
        if (r.ttfbMillis() >= 0) {
            counters[TTFT_COUNT]++;
            counters[TTFT_SUM] += r.ttfbMillis();
            ttft.record(r.ttfbMillis());
        }
    }

    /**
     * Counts one fallback this row's deployment caused: a request it failed moved on to another deployment. The
     * request itself is counted on the row of the deployment that answered.
     */
    public void addFallbackCaused() {
        counters[FALLBACKS_CAUSED]++;
    }

    /** Adds another row's figures. */
    public void merge(RollupFigures other) {
        for (int i = 0; i < counters.length; i++) {
            counters[i] += other.counters[i];
        }
        latency.merge(other.latency);
        ttft.merge(other.ttft);
    }

    /** Every column's value, in the order of {@link #COLUMNS}. */
    public long[] values() {
        long[] values = new long[COLUMNS.size()];
        System.arraycopy(counters, 0, values, 0, counters.length);
        for (int i = 0; i < Histogram.BUCKETS; i++) {
            values[counters.length + i] = latency.count(i);
            values[counters.length + Histogram.BUCKETS + i] = ttft.count(i);
        }
        return values;
    }

    /** Adds one column's value (by its index in {@link #COLUMNS}), as read from a row. */
    public void addColumn(int index, long value) {
        if (index < counters.length) {
            counters[index] += value;
        } else if (index < counters.length + Histogram.BUCKETS) {
            latency.add(index - counters.length, value);
        } else {
            ttft.add(index - counters.length - Histogram.BUCKETS, value);
        }
    }

    public long requests() {
        return counters[REQUESTS];
    }

    /** Requests with an error class (see {@link ErrorClass}). */
    public long errors() {
        return counters[ERRORS];
    }

    public long cacheHits() {
        return counters[CACHE_HITS];
    }

    public long inputTokens() {
        return counters[INPUT];
    }

    public long outputTokens() {
        return counters[OUTPUT];
    }

    public long cachedReadTokens() {
        return counters[CACHED_READ];
    }

    public long cacheWriteTokens() {
        return counters[CACHE_WRITE];
    }

    public long reasoningTokens() {
        return counters[REASONING];
    }

    public long meteredNanos() {
        return counters[METERED];
    }

    public long standardNanos() {
        return counters[STANDARD];
    }

    public long chargedNanos() {
        return counters[CHARGED];
    }

    /** Requests that fell back to another deployment ({@link Fallbacks}). */
    public long fallbacks() {
        return counters[FALLBACKS];
    }

    /** Times a request this deployment failed moved on to another deployment. */
    public long fallbacksCaused() {
        return counters[FALLBACKS_CAUSED];
    }

    public long latencySumMillis() {
        return counters[LATENCY_SUM];
    }

    /** Requests that sent a first byte (the others have no time to first byte). */
    public long ttftCount() {
        return counters[TTFT_COUNT];
    }

    public long ttftSumMillis() {
        return counters[TTFT_SUM];
    }

    public Histogram latency() {
        return latency;
    }

    public Histogram ttft() {
        return ttft;
    }
}
