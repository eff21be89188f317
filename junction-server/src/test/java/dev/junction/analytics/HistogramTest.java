package dev.junction.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The log-scale histogram: buckets, merging and interpolated quantiles. */
class HistogramTest {

    @Test
    void bucketsDoubleFromOneMillisecondAndTheLastIsOpen() {
        assertThat(Histogram.bucketOf(-5)).isZero();
        assertThat(Histogram.bucketOf(0)).isZero();
        assertThat(Histogram.bucketOf(1)).isEqualTo(1);
        assertThat(Histogram.bucketOf(2)).isEqualTo(2);
        assertThat(Histogram.bucketOf(3)).isEqualTo(2);
        assertThat(Histogram.bucketOf(1023)).isEqualTo(10);
        assertThat(Histogram.bucketOf(1024)).isEqualTo(11);
        assertThat(Histogram.bucketOf(Long.MAX_VALUE)).isEqualTo(Histogram.BUCKETS - 1);
    }

    @Test
    void quantilesOfMergedHistogramsAreThoseOfAllTheValues() {
        Histogram low = new Histogram();
        Histogram high = new Histogram();
        for (int v = 1; v <= 1000; v++) {
            (v % 2 == 0 ? low : high).record(v);
        }
        low.merge(high);

        assertThat(low.total()).isEqualTo(1000);
        // The 500th value (500) lies in [256, 512), which holds 256 to 511: rank 245 of 256 there.
        assertThat(low.quantile(0.5).getAsDouble()).isEqualTo(500.5);
        assertThat(low.quantile(0.99).getAsDouble()).isBetween(512.0, 1024.0);
        assertThat(low.quantile(0.001).getAsDouble()).isEqualTo(1.5);
    }

    @Test
    void anEmptyHistogramHasNoQuantile() {
        assertThat(new Histogram().quantile(0.5)).isEmpty();
    }
}
