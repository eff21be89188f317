package dev.junction.routing.health;

import static dev.junction.routing.health.HealthFixtures.TIMEOUT;
import static dev.junction.routing.health.HealthFixtures.deployment;
import static dev.junction.routing.health.HealthFixtures.fail;
import static dev.junction.routing.health.HealthFixtures.limited;
import static dev.junction.routing.health.HealthFixtures.rateLimited;
import static dev.junction.routing.health.HealthFixtures.reserve;
import static dev.junction.routing.health.HealthFixtures.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junction.routing.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HealthRegistryTest {

    private static final HealthPolicy POLICY = new HealthPolicy(2, 0.5, 20, Duration.ofSeconds(60),
            Duration.ofSeconds(30));

    private final HealthFixtures.FakeClock clock = new HealthFixtures.FakeClock();
    private final Instant before = Instant.now();
    private final HealthRegistry registry = new HealthRegistry(POLICY, clock);
    private final Instant after = Instant.now();
    private final Deployment a = deployment("a");
    private final Deployment b = deployment("b");

    @Test
    void latencyIsUnknownBeforeTheFirstSuccess() {
        registry.tryAcquire(a, 10);

        assertThat(registry.latencyMillis("a")).isNaN();
        assertThat(registry.lastSampleNanos("a")).isEqualTo(Long.MIN_VALUE);
        assertThat(registry.latencyMillis("never-seen")).isNaN();
    }

    @Test
    void latencyIsAnExponentialAverageWeightingEachSampleAFifth() {
        registry.succeeded(reserve(registry, a), Duration.ofMillis(100));
        assertThat(registry.latencyMillis("a")).isEqualTo(100.0);

        registry.succeeded(reserve(registry, a), Duration.ofMillis(200));
        registry.succeeded(reserve(registry, a), Duration.ofMillis(0));

        assertThat(registry.latencyMillis("a")).isCloseTo(96.0, within(1e-9));
    }

    @Test
    void theLastLatencySampleIsStampedWithTheClock() {
        ReservedAttempt attempt = reserve(registry, a);
        clock.advance(Duration.ofSeconds(3));
        registry.succeeded(attempt, Duration.ofMillis(100));

        assertThat(registry.lastSampleNanos("a")).isEqualTo(clock.getAsLong());
    }

    @Test
    void inFlightCountsAttemptsUntilEachEnds() {
        List<ReservedAttempt> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(reserve(registry, a));
        }
        assertThat(registry.inFlight("a")).isEqualTo(4);

        registry.succeeded(attempts.get(0), Duration.ofMillis(10));
        registry.failed(attempts.get(1), HealthFixtures.BAD_REQUEST);
        registry.abandoned(attempts.get(2));

        assertThat(registry.inFlight("a")).isEqualTo(2); // the success is still being delivered
        assertThat(registry.inFlight("b")).isZero();
    }

    @Test
    void aSuccessfulAttemptStaysInFlightUntilDelivered() {
        ReservedAttempt attempt = reserve(registry, a);
        registry.succeeded(attempt, Duration.ofMillis(10));

        assertThat(registry.inFlight("a")).isEqualTo(1);
        registry.delivered(attempt, 10);
        assertThat(registry.inFlight("a")).isZero();
    }

    @Test
    void anAbandonedAttemptIsNeitherASuccessNorAFailure() {
        ReservedAttempt attempt = reserve(registry, a);

        registry.abandoned(attempt);

        DeploymentStatus status = registry.snapshot().getFirst();
        assertThat(status.successes()).isZero();
        assertThat(status.failures()).isZero();
        assertThat(status.inFlight()).isZero();
    }

    @Test
    void snapshotListsEveryDeploymentSeenSortedById() {
        registry.available(deployment("zeta"));
        registry.tryAcquire(b, 10);
        registry.available(a);

        assertThat(registry.snapshot()).extracting(DeploymentStatus::id).containsExactly("a", "b", "zeta");
    }

    @Test
    void snapshotOfAHealthyDeployment() {
        succeed(registry, a);

        assertThat(registry.snapshot()).containsExactly(new DeploymentStatus("a", "closed", Optional.empty(),
                Optional.empty(), 100.0, 0, 1, 0, 0, Optional.empty(), 0));
    }

    @Test
    void snapshotShowsAnOpenCircuitWithItsWallClockEndAndTheLastError() {
        succeed(registry, a);
        fail(registry, a, HealthFixtures.BAD_GATEWAY);
        fail(registry, a, TIMEOUT);

        DeploymentStatus status = registry.snapshot().getFirst();

        assertThat(status.circuit()).isEqualTo("open");
        assertThat(status.openUntil()).hasValueSatisfying(until -> assertThat(until)
                .isBetween(before.plusSeconds(30), after.plusSeconds(30)));
        assertThat(status.coolingDownUntil()).isEmpty();
        assertThat(status.successes()).isEqualTo(1);
        assertThat(status.failures()).isEqualTo(2);
        assertThat(status.consecutiveFailures()).isEqualTo(2);
        assertThat(status.lastError()).hasValue("timeout");
        assertThat(status.transitions()).isEqualTo(1);
    }

    @Test
    void snapshotShowsARunningCoolDownWithItsWallClockEnd() {
        clock.advance(Duration.ofSeconds(5));
        fail(registry, a, rateLimited(Optional.of(Duration.ofSeconds(7))));

        DeploymentStatus status = registry.snapshot().getFirst();

        assertThat(status.circuit()).isEqualTo("closed");
        assertThat(status.coolingDownUntil()).hasValueSatisfying(until -> assertThat(until)
                .isBetween(before.plusSeconds(12), after.plusSeconds(12)));
        assertThat(status.lastError()).hasValue("rate_limited");
        clock.advance(Duration.ofSeconds(7));
        assertThat(registry.snapshot().getFirst().coolingDownUntil()).isEmpty();
    }

    @Test
    void everyCircuitTransitionIsCounted() {
        fail(registry, a, TIMEOUT);
        fail(registry, a, TIMEOUT);
        clock.advance(Duration.ofSeconds(30));
        registry.failed(reserve(registry, a), TIMEOUT);
        clock.advance(Duration.ofSeconds(30));
        registry.succeeded(reserve(registry, a), Duration.ofMillis(10));

        assertThat(registry.snapshot().getFirst().transitions())
                .as("opened, half-open, re-opened, half-open, closed").isEqualTo(5);
    }

    @Test
    void theSnapshotShowsAnElapsedOpenCircuitAsHalfOpen() {
        fail(registry, a, TIMEOUT);
        fail(registry, a, TIMEOUT);
        clock.advance(Duration.ofSeconds(30));

        DeploymentStatus status = registry.snapshot().getFirst();

        assertThat(status.circuit()).isEqualTo("half_open");
        assertThat(status.openUntil()).isEmpty();
    }

    @Test
    void nextAvailableIsNowWhenADeploymentIsAvailable() {
        fail(registry, a, TIMEOUT);
        fail(registry, a, TIMEOUT);

        assertThat(registry.nextAvailableNanos(List.of(a, b))).hasValue(clock.getAsLong());
    }

    @Test
    void nextAvailableIsTheEarliestEndAmongBlockedDeployments() {
        long start = clock.getAsLong();
        fail(registry, a, TIMEOUT);
        fail(registry, a, TIMEOUT);
        fail(registry, b, rateLimited(Optional.of(Duration.ofSeconds(12))));

        assertThat(registry.nextAvailableNanos(List.of(a, b))).hasValue(start + Duration.ofSeconds(12).toNanos());
        assertThat(registry.nextAvailableNanos(List.of(a))).hasValue(start + Duration.ofSeconds(30).toNanos());
    }

    @Test
    void aDeploymentBlockedTwiceIsAvailableWhenTheLaterBlockEnds() {
        long start = clock.getAsLong();
        fail(registry, a, TIMEOUT);
        registry.failed(reserve(registry, a), new dev.junction.model.GatewayError.Unavailable("busy",
                Optional.of(Duration.ofSeconds(45))));

        assertThat(registry.nextAvailableNanos(List.of(a))).hasValue(start + Duration.ofSeconds(45).toNanos());
    }

    @Test
    void nextAvailableIncludesTheMinuteWindowOfTheOwnLimits() {
        Deployment limitedA = limited("a", OptionalInt.of(1), OptionalInt.empty());
        registry.tryAcquire(limitedA, 0);

        long next = registry.nextAvailableNanos(List.of(limitedA)).orElseThrow();

        assertThat(next - clock.getAsLong()).isBetween(Duration.ofSeconds(59).toNanos(),
                Duration.ofSeconds(60).toNanos());
        clock.advance(Duration.ofNanos(next - clock.getAsLong()));
        assertThat(registry.available(limitedA)).isTrue();
    }

    @Test
    void nextAvailableIsUnknownWhileTheOnlyDeploymentAwaitsItsProbe() {
        fail(registry, a, TIMEOUT);
        fail(registry, a, TIMEOUT);
        clock.advance(Duration.ofSeconds(30));
        assertThat(registry.tryAcquire(a, 10)).isPresent();

        assertThat(registry.nextAvailableNanos(List.of(a))).isEmpty();
    }
}
