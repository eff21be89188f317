package dev.junction.store;

import dev.junction.analytics.Granularity;
import java.util.ArrayList;
import java.util.List;

/**
 * A time range cut into the pieces the rollups hold: whole UTC days in the middle, whole hours beside them, whole
 * minutes at the edges, and what is left of a minute at either end, which only the request log can answer.
 */
final class RollupSpans {

    /**
     * A piece of the range.
     *
     * @param granularity the rollups that hold it, or null for a piece only the request log can answer
     * @param from its start, epoch milliseconds (inclusive)
     * @param to its end, epoch milliseconds (exclusive)
     */
    record Span(Granularity granularity, long from, long to) {
        /** Whether the request log must answer it. */
        boolean fromLog() {
            return granularity == null;
        }
    }

    private RollupSpans() {}

    /** The pieces of {@code [from, to)}, in order, none empty; together they are exactly the range. */
    static List<Span> cover(long from, long to) {
        List<Span> spans = new ArrayList<>();
        if (to <= from) {
            return spans;
        }
        long m1 = ceil(from, Granularity.MINUTE);
        long m2 = Granularity.MINUTE.bucketStart(to);
        if (m1 >= m2) {
            spans.add(new Span(null, from, to));
            return spans;
        }
        add(spans, null, from, m1);
        long h1 = ceil(m1, Granularity.HOUR);
        long h2 = Granularity.HOUR.bucketStart(m2);
        if (h1 >= h2) {
            add(spans, Granularity.MINUTE, m1, m2);
        } else {
            add(spans, Granularity.MINUTE, m1, h1);
            long d1 = ceil(h1, Granularity.DAY);
            long d2 = Granularity.DAY.bucketStart(h2);
            if (d1 >= d2) {
                add(spans, Granularity.HOUR, h1, h2);
            } else {
                add(spans, Granularity.HOUR, h1, d1);
                add(spans, Granularity.DAY, d1, d2);
                add(spans, Granularity.HOUR, d2, h2);
            }
            add(spans, Granularity.MINUTE, h2, m2);
        }
        add(spans, null, m2, to);
        return spans;
    }

    private static void add(List<Span> spans, Granularity granularity, long from, long to) {
        if (to > from) {
            spans.add(new Span(granularity, from, to));
        }
    }

    private static long ceil(long millis, Granularity g) {
        long start = g.bucketStart(millis);
        return start == millis ? millis : start + g.millis();
    }
}
