package dev.junction.routing.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final long T0 = -5 * SECOND;

    @Test
    void eventsStayInTheWindowForItsSpan() {
        SlidingWindow window = new SlidingWindow(Duration.ofSeconds(10));
        window.add(T0, 3);
        window.add(T0 + 4 * SECOND, 1);

        assertThat(window.totals(T0 + 9 * SECOND)).isEqualTo(new SlidingWindow.Totals(2, 4));
        assertThat(window.totals(T0 + 10 * SECOND)).isEqualTo(new SlidingWindow.Totals(1, 1));
        assertThat(window.totals(T0 + 14 * SECOND)).isEqualTo(new SlidingWindow.Totals(0, 0));
    }

    @Test
    void aReusedBucketForgetsItsOldCounts() {
        SlidingWindow window = new SlidingWindow(Duration.ofSeconds(10));
        window.add(T0, 5);

        window.add(T0 + 10 * SECOND, 1);

        assertThat(window.totals(T0 + 10 * SECOND)).isEqualTo(new SlidingWindow.Totals(1, 1));
    }

    @Test
    void longSpansUseWiderBucketsSoMemoryStaysBounded() {
        SlidingWindow window = new SlidingWindow(Duration.ofHours(2));
        window.add(T0, 1);

        assertThat(window.totals(T0 + Duration.ofMinutes(119).toNanos()).count()).isEqualTo(1);
        assertThat(window.totals(T0 + Duration.ofMinutes(121).toNanos()).count()).isZero();
    }

    @Test
    void whenBelowIsWhenEnoughOldBucketsHaveLeft() {
        SlidingWindow window = new SlidingWindow(Duration.ofSeconds(10));
        window.add(T0, 0);
        window.add(T0 + 3 * SECOND, 0);
        window.add(T0 + 3 * SECOND, 0);

        assertThat(window.whenBelow(T0 + 5 * SECOND, 3, Long.MAX_VALUE)).hasValue(T0 + 10 * SECOND);
        assertThat(window.whenBelow(T0 + 5 * SECOND, 2, Long.MAX_VALUE)).hasValue(T0 + 13 * SECOND);
        assertThat(window.whenBelow(T0 + 5 * SECOND, 4, Long.MAX_VALUE)).hasValue(T0 + 5 * SECOND);
        assertThat(window.whenBelow(T0 + 5 * SECOND, 0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void clearForgetsEverything() {
        SlidingWindow window = new SlidingWindow(Duration.ofSeconds(10));
        window.add(T0, 2);

        window.clear();

        assertThat(window.totals(T0)).isEqualTo(new SlidingWindow.Totals(0, 0));
    }
}
