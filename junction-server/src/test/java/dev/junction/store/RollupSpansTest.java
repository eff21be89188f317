package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.analytics.Granularity;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cutting a range into the buckets rollups hold: exact, in order, and as coarse as the range allows. */
class RollupSpansTest {

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void aRangeOverDaysIsMinutesHoursDaysHoursMinutesWithTheSubMinuteEdgesLeftToTheLog() {
        List<RollupSpans.Span> spans = RollupSpans.cover(at("2026-12-01T22:58:30.250Z"),
                at("2026-12-04T03:07:10Z"));

        assertThat(spans).containsExactly(
                new RollupSpans.Span(null, at("2026-12-01T22:58:30.250Z"), at("2026-12-01T22:59:00Z")),
                new RollupSpans.Span(Granularity.MINUTE, at("2026-12-01T22:59:00Z"), at("2026-12-01T23:00:00Z")),
                new RollupSpans.Span(Granularity.HOUR, at("2026-12-01T23:00:00Z"), at("2026-12-02T00:00:00Z")),
                new RollupSpans.Span(Granularity.DAY, at("2026-12-02T00:00:00Z"), at("2026-12-04T00:00:00Z")),
                new RollupSpans.Span(Granularity.HOUR, at("2026-12-04T00:00:00Z"), at("2026-12-04T03:00:00Z")),
                new RollupSpans.Span(Granularity.MINUTE, at("2026-12-04T03:00:00Z"), at("2026-12-04T03:07:00Z")),
                new RollupSpans.Span(null, at("2026-12-04T03:07:00Z"), at("2026-12-04T03:07:10Z")));
    }

    @Test
    void shortRangesStayFine() {
        assertThat(RollupSpans.cover(at("2026-12-01T10:00:10Z"), at("2026-12-01T10:00:50Z")))
                .containsExactly(new RollupSpans.Span(null, at("2026-12-01T10:00:10Z"), at("2026-12-01T10:00:50Z")));
        assertThat(RollupSpans.cover(at("2026-12-01T10:05:00Z"), at("2026-12-01T10:50:00Z")))
                .containsExactly(new RollupSpans.Span(Granularity.MINUTE, at("2026-12-01T10:05:00Z"),
                        at("2026-12-01T10:50:00Z")));
        assertThat(RollupSpans.cover(at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z")))
                .containsExactly(new RollupSpans.Span(Granularity.DAY, at("2026-12-01T00:00:00Z"),
                        at("2026-12-02T00:00:00Z")));
        assertThat(RollupSpans.cover(at("2026-12-01T05:00:00Z"), at("2026-12-01T05:00:00Z"))).isEmpty();
    }

    @Test
    void anyRangeIsCoveredExactlyOnceInOrder() {
        Random random = new Random(42);
        long base = at("2026-01-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            long from = base + (long) (random.nextDouble() * 86_400_000L * 40);
            long to = from + (long) (random.nextDouble() * 86_400_000L * (random.nextBoolean() ? 0.1 : 9));
            List<RollupSpans.Span> spans = RollupSpans.cover(from, to);
            long cursor = from;
            for (RollupSpans.Span span : spans) {
                assertThat(span.from()).isEqualTo(cursor);
                assertThat(span.to()).isGreaterThan(span.from());
                if (!span.fromLog()) {
                    Granularity g = span.granularity();
                    assertThat(g.bucketStart(span.from())).isEqualTo(span.from());
                    assertThat(g.bucketStart(span.to())).isEqualTo(span.to());
                } else {
                    assertThat(span.to() - span.from()).as("under two minutes").isLessThan(120_000);
                }
                cursor = span.to();
            }
            assertThat(cursor).isEqualTo(to > from ? to : from);
            assertThat(spans.stream().filter(RollupSpans.Span::fromLog).count()).isLessThanOrEqualTo(2);
        }
    }
}
