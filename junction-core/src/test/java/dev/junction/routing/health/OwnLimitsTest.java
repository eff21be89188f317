package dev.junction.routing.health;

import static dev.junction.routing.health.HealthFixtures.limited;
import static dev.junction.routing.health.HealthFixtures.reserve;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.routing.Deployment;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OwnLimitsTest {

    private final HealthFixtures.FakeClock clock = new HealthFixtures.FakeClock();
    private final HealthRegistry registry = new HealthRegistry(HealthPolicy.DEFAULTS, clock);

    @Test
    void aDeploymentAtItsRpmIsUnavailableUntilTheMinuteFreesUp() {
        Deployment d = limited("d", OptionalInt.of(3), OptionalInt.empty());
        for (int i = 0; i < 3; i++) {
            registry.succeeded(reserve(registry, d, 0), Duration.ofMillis(50));
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(registry.available(d)).isFalse();
        assertThat(registry.tryAcquire(d, 0)).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(registry.tryAcquire(d, 0)).as("the first request left the minute").isPresent();
        assertThat(registry.tryAcquire(d, 0)).isEmpty();
    }

    @Test
    void attemptsCountAgainstTheRpmWhateverTheirOutcome() {
        Deployment d = limited("d", OptionalInt.of(2), OptionalInt.empty());
        registry.abandoned(reserve(registry, d, 0));
        registry.failed(reserve(registry, d, 0), HealthFixtures.BAD_REQUEST);

        assertThat(registry.available(d)).isFalse();
    }

    @Test
    void estimatedTokensCountAgainstTheTpm() {
        Deployment d = limited("d", OptionalInt.empty(), OptionalInt.of(1_000));
        assertThat(registry.tryAcquire(d, 600)).isPresent();

        assertThat(registry.tryAcquire(d, 500)).as("600 + 500 exceeds 1000").isEmpty();
        assertThat(registry.tryAcquire(d, 400)).isPresent();
        assertThat(registry.available(d)).isFalse();
        clock.advance(Duration.ofSeconds(60));
        assertThat(registry.available(d)).isTrue();
        assertThat(registry.tryAcquire(d, 1_000)).isPresent();
    }

    @Test
    void aRequestLargerThanTheTpmStillGoesIntoAnEmptyMinute() {
        Deployment d = limited("d", OptionalInt.empty(), OptionalInt.of(1_000));

        assertThat(registry.tryAcquire(d, 5_000)).isPresent();
        assertThat(registry.tryAcquire(d, 1)).isEmpty();
    }

    @Test
    void aRefusedAttemptReservesNothing() {
        Deployment d = limited("d", OptionalInt.of(1), OptionalInt.empty());
        assertThat(registry.tryAcquire(d, 0)).isPresent();

        assertThat(registry.tryAcquire(d, 0)).isEmpty();

        assertThat(registry.inFlight("d")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(60));
        assertThat(registry.tryAcquire(d, 0)).isPresent();
    }

    @Test
    void limitsAreReadFromTheDeploymentAtEachCall() {
        Deployment strict = limited("d", OptionalInt.of(1), OptionalInt.empty());
        Deployment relaxed = limited("d", OptionalInt.of(5), OptionalInt.empty());
        assertThat(registry.tryAcquire(strict, 0)).isPresent();
        assertThat(registry.available(strict)).isFalse();

        assertThat(registry.available(relaxed)).isTrue();
    }

    @Test
    void aDeploymentWithoutLimitsIsNeverHeldBackByVolume() {
        Deployment d = limited("d", OptionalInt.empty(), OptionalInt.empty());
        for (int i = 0; i < 10_000; i++) {
            assertThat(registry.tryAcquire(d, 100_000)).isPresent();
        }
    }

    @Test
    void aDeliveredReplyCountsTheTokensItUsedNotTheEstimate() {
        Deployment d = limited("d", OptionalInt.empty(), OptionalInt.of(1_000));
        ReservedAttempt first = reserve(registry, d, 900);
        registry.succeeded(first, Duration.ofMillis(50));
        assertThat(registry.tryAcquire(d, 800)).as("900 estimated + 800 exceeds 1000").isEmpty();

        registry.delivered(first, 100);

        assertThat(registry.tryAcquire(d, 800)).as("100 used + 800 fits").isPresent();
    }

    @Test
    void aReplyThatUsedMoreThanEstimatedTakesTheOverrun() {
        Deployment d = limited("d", OptionalInt.empty(), OptionalInt.of(1_000));
        ReservedAttempt first = reserve(registry, d, 100);
        registry.succeeded(first, Duration.ofMillis(50));

        registry.delivered(first, 950);

        assertThat(registry.tryAcquire(d, 100)).as("950 used + 100 exceeds 1000").isEmpty();
        clock.advance(Duration.ofSeconds(60));
        assertThat(registry.tryAcquire(d, 100)).as("the overrun leaves with its minute").isPresent();
    }

    @Test
    void anOverrunReportedAfterItsMinuteCountsInTheCurrentOne() {
        Deployment d = limited("d", OptionalInt.empty(), OptionalInt.of(1_000));
        ReservedAttempt longStream = reserve(registry, d, 100);
        registry.succeeded(longStream, Duration.ofMillis(50));
        clock.advance(Duration.ofSeconds(90));

        registry.delivered(longStream, 950);

        assertThat(registry.tryAcquire(d, 100)).isEmpty();
    }

    @Test
    void failedAndAbandonedAttemptsGiveTheirEstimateBack() {
        Deployment d = limited("d", OptionalInt.empty(), OptionalInt.of(1_000));
        registry.failed(reserve(registry, d, 900), HealthFixtures.BAD_REQUEST);
        registry.abandoned(reserve(registry, d, 900));

        assertThat(registry.tryAcquire(d, 900)).isPresent();
    }

    @Test
    void aSecondDeliveryChangesNothing() {
        Deployment d = limited("d", OptionalInt.empty(), OptionalInt.of(1_000));
        ReservedAttempt first = reserve(registry, d, 500);
        registry.succeeded(first, Duration.ofMillis(50));
        registry.delivered(first, 500);

        registry.delivered(first, 0);

        assertThat(registry.tryAcquire(d, 600)).as("500 still counted").isEmpty();
    }
}
