package dev.junction.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest extends RateLimiterContract {

    private final ManualClock clock = ManualClock.at("2026-03-01T12:00:00Z");
    private final LocalRateLimiter limiter = new LocalRateLimiter(clock, RateLimiter.DEFAULT_LEASE_TTL);

    @Override
    RateLimiter limiter() {
        return limiter;
    }

    @Override
    RateLimiter otherReplica() {
        return limiter; // one node: its replicas are its event loops, all sharing this instance
    }

    @Override
    Duration leaseTtl() {
        return RateLimiter.DEFAULT_LEASE_TTL;
    }

    @Override
    void passes(Duration time) {
        clock.advance(time);
    }

    @Test
    void theRetryAfterIsExactlyWhenTheBucketHasRoomAgain() {
        LimitSubject key = rpm("key:exact", 60);
        drain(key);

        LimitDecision denied = acquire(List.of(key), 0);
        clock.advance(Duration.ofMillis(999));
        LimitDecision early = acquire(List.of(key), 0);
        clock.advance(Duration.ofMillis(1));
        LimitDecision onTime = acquire(List.of(key), 0);

        assertThat(((LimitDecision.Denied) denied).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(early).isInstanceOf(LimitDecision.Denied.class);
        assertThat(onTime).isInstanceOf(LimitDecision.Allowed.class);
    }

    @Test
    void aFullBucketReportsItsResetAsZero() {
        LimitSubject key = rpm("key:idle", 60);
        acquire(List.of(key), 0);

        clock.advance(Duration.ofSeconds(1));

        assertThat(peek(key, LimitKind.REQUESTS)).isEqualTo(new LimitStatus(LimitKind.REQUESTS, 60, 60,
                Duration.ZERO));
    }

    @Test
    void idleSubjectsAreForgottenSoMemoryStaysFlat() {
        for (int i = 0; i < 1000; i++) {
            acquire(List.of(rpm("key:" + i, 60), tpm("user:" + i, 1000)), 10);
        }

        clock.advance(Duration.ofMinutes(3));
        acquire(List.of(rpm("key:new", 60)), 0);

        assertThat(limiter.trackedSubjects()).isEqualTo(1);
    }

    @Test
    void acquiresNeverReleasedAreForgottenOnceTheirLeaseExpires() {
        for (int i = 0; i < 100; i++) {
            acquire(tpm("key:lost", 1_000_000), 10, "never-released-" + i);
        }

        clock.advance(RateLimiter.DEFAULT_LEASE_TTL.plusMinutes(1));
        acquire(rpm("key:new", 60), 0, "new"); // sweeps

        assertThat(limiter.trackedAcquisitions()).isEqualTo(1);
    }

    @Test
    void aSubjectHoldingASlotIsNotForgotten() {
        LimitSubject key = concurrent("key:busy", 1);
        acquire(key, 0, "long-stream");

        clock.advance(Duration.ofMinutes(3));
        acquire(List.of(rpm("key:other", 60)), 0); // sweeps

        assertThat(acquire(key, 0, "next")).isInstanceOf(LimitDecision.Denied.class);
    }
}
