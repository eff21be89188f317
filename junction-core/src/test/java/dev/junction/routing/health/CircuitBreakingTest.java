package dev.junction.routing.health;

import static dev.junction.routing.health.HealthFixtures.BAD_GATEWAY;
import static dev.junction.routing.health.HealthFixtures.BAD_REQUEST;
import static dev.junction.routing.health.HealthFixtures.TIMEOUT;
import static dev.junction.routing.health.HealthFixtures.deployment;
import static dev.junction.routing.health.HealthFixtures.fail;
import static dev.junction.routing.health.HealthFixtures.rejected;
import static dev.junction.routing.health.HealthFixtures.reserve;
import static dev.junction.routing.health.HealthFixtures.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.routing.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CircuitBreakingTest {

    private static final HealthPolicy POLICY = new HealthPolicy(3, 0.5, 10, Duration.ofSeconds(60),
            Duration.ofSeconds(30));

    private final HealthFixtures.FakeClock clock = new HealthFixtures.FakeClock();
    private final HealthRegistry registry = new HealthRegistry(POLICY, clock);
    private final Deployment a = deployment("a");

    @Test
    void circuitOpensAfterTheConfiguredNumberOfConsecutiveFailures() {
        fail(registry, a, TIMEOUT);
        fail(registry, a, BAD_GATEWAY);
        assertThat(registry.available(a)).isTrue();

        fail(registry, a, new GatewayError.Unavailable("overloaded", Optional.empty()));

        assertThat(registry.available(a)).isFalse();
        assertThat(registry.tryAcquire(a, 10)).isEmpty();
        assertThat(registry.snapshot().getFirst().circuit()).isEqualTo("open");
    }

    @Test
    void aSuccessBreaksTheRunOfFailures() {
        fail(registry, a, TIMEOUT);
        fail(registry, a, TIMEOUT);
        succeed(registry, a);
        fail(registry, a, TIMEOUT);
        fail(registry, a, TIMEOUT);

        assertThat(registry.available(a)).isTrue();
        assertThat(registry.consecutiveFailures("a")).isEqualTo(2);
    }

    @Test
    void anUpstream404CountsTowardsTheCircuit() {
        for (int i = 0; i < 3; i++) {
            fail(registry, a, rejected(404));
        }

        assertThat(registry.available(a)).isFalse();
    }

    @Test
    void clientErrorsCountNeitherAsFailuresNorAsSuccesses() {
        fail(registry, a, TIMEOUT);
        fail(registry, a, TIMEOUT);
        for (int i = 0; i < 20; i++) {
            fail(registry, a, i % 2 == 0 ? BAD_REQUEST : rejected(400));
        }

        assertThat(registry.available(a)).isTrue();
        assertThat(registry.consecutiveFailures("a")).isEqualTo(2);
        fail(registry, a, TIMEOUT);
        assertThat(registry.available(a)).isFalse();
    }

    @Test
    void circuitOpensOnTheErrorRateOnceTheWindowHoldsEnoughOutcomes() {
        HealthRegistry byRate = new HealthRegistry(new HealthPolicy(100, 0.5, 10, Duration.ofSeconds(60),
                Duration.ofSeconds(30)), clock);
        for (int i = 0; i < 9; i++) {
            if (i % 3 == 0) {
                succeed(byRate, a);
            } else {
                fail(byRate, a, TIMEOUT);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(byRate.available(a)).as("6 of 9 failed, but 9 is under minRequests").isTrue();

        fail(byRate, a, TIMEOUT);

        assertThat(byRate.available(a)).as("7 of 10 failed").isFalse();
        assertThat(byRate.snapshot().getFirst().circuit()).isEqualTo("open");
    }

    @Test
    void aSuccessNeverOpensTheCircuit() {
        HealthRegistry byRate = new HealthRegistry(new HealthPolicy(100, 0.5, 10, Duration.ofSeconds(60),
                Duration.ofSeconds(30)), clock);
        for (int i = 0; i < 9; i++) {
            fail(byRate, a, TIMEOUT);
        }

        succeed(byRate, a);

        assertThat(byRate.available(a)).as("9 of 10 failed, but the last one succeeded").isTrue();
        fail(byRate, a, TIMEOUT);
        assertThat(byRate.available(a)).isFalse();
    }

    @Test
    void anErrorRateUnderTheThresholdKeepsTheCircuitClosed() {
        HealthRegistry byRate = new HealthRegistry(new HealthPolicy(100, 0.5, 10, Duration.ofSeconds(60),
                Duration.ofSeconds(30)), clock);
        for (int i = 0; i < 40; i++) {
            if (i % 3 == 0) {
                fail(byRate, a, TIMEOUT);
            } else {
                succeed(byRate, a);
            }
        }

        assertThat(byRate.available(a)).isTrue();
    }

    @Test
    void outcomesOlderThanTheWindowNoLongerCount() {
        HealthRegistry byRate = new HealthRegistry(new HealthPolicy(100, 0.5, 10, Duration.ofSeconds(60),
                Duration.ofSeconds(30)), clock);
        for (int i = 0; i < 9; i++) {
            fail(byRate, a, TIMEOUT);
        }
        clock.advance(Duration.ofSeconds(61));

        fail(byRate, a, TIMEOUT);

        assertThat(byRate.available(a)).as("only one outcome is in the window, under minRequests").isTrue();
    }

    @Test
    void openCircuitLetsOneProbeThroughAfterItsCoolDown() {
        openCircuit();
        clock.advance(Duration.ofSeconds(29));
        assertThat(registry.tryAcquire(a, 10)).isEmpty();

        clock.advance(Duration.ofSeconds(1));

        assertThat(registry.available(a)).isTrue();
        assertThat(registry.tryAcquire(a, 10)).isPresent();
        assertThat(registry.available(a)).isFalse();
        assertThat(registry.tryAcquire(a, 10)).isEmpty();
        assertThat(registry.snapshot().getFirst().circuit()).isEqualTo("half_open");
    }

    @Test
    void halfOpenCircuitAdmitsExactlyOneProbeAmongConcurrentCallers() throws Exception {
        int threads = 8;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int round = 0; round < 200; round++) {
                Deployment d = deployment("d" + round);
                for (int i = 0; i < 3; i++) {
                    fail(registry, d, TIMEOUT);
                }
                clock.advance(Duration.ofSeconds(30));
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    attempts.add(pool.submit(() -> {
                        start.await();
                        return registry.tryAcquire(d, 10).isPresent();
                    }));
                }
                int admitted = 0;
                for (Future<Boolean> attempt : attempts) {
                    admitted += attempt.get() ? 1 : 0;
                }
                assertThat(admitted).as("round %d", round).isEqualTo(1);
                assertThat(registry.inFlight(d.id())).isEqualTo(1);
            }
        }
    }

    @Test
    void theProbesSuccessClosesTheCircuit() {
        openCircuit();
        clock.advance(Duration.ofSeconds(30));
        ReservedAttempt probe = reserve(registry, a);

        registry.succeeded(probe, Duration.ofMillis(80));

        assertThat(registry.snapshot().getFirst().circuit()).isEqualTo("closed");
        assertThat(registry.tryAcquire(a, 10)).isPresent();
        assertThat(registry.tryAcquire(a, 10)).isPresent();
        assertThat(registry.consecutiveFailures("a")).isZero();
    }

    @Test
    void theProbesFailureReopensTheCircuitForAnotherCoolDown() {
        openCircuit();
        clock.advance(Duration.ofSeconds(30));
        ReservedAttempt probe = reserve(registry, a);

        registry.failed(probe, TIMEOUT);

        assertThat(registry.snapshot().getFirst().circuit()).isEqualTo("open");
        clock.advance(Duration.ofSeconds(29));
        assertThat(registry.available(a)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(registry.tryAcquire(a, 10)).isPresent();
    }

    @Test
    void anAbandonedProbeFreesTheProbeSlotWithoutJudging() {
        openCircuit();
        clock.advance(Duration.ofSeconds(30));
        ReservedAttempt probe = reserve(registry, a);

        registry.abandoned(probe);

        assertThat(registry.snapshot().getFirst().circuit()).isEqualTo("half_open");
        assertThat(registry.tryAcquire(a, 10)).isPresent();
    }

    @Test
    void aProbeThatMeetsAClientErrorLeavesTheCircuitHalfOpen() {
        openCircuit();
        clock.advance(Duration.ofSeconds(30));
        ReservedAttempt probe = reserve(registry, a);

        registry.failed(probe, BAD_REQUEST);

        assertThat(registry.snapshot().getFirst().circuit()).isEqualTo("half_open");
        assertThat(registry.tryAcquire(a, 10)).isPresent();
    }

    @Test
    void aLateSuccessOfAnAttemptBegunBeforeTheCircuitOpenedDoesNotCloseIt() {
        ReservedAttempt early = reserve(registry, a);
        openCircuit();

        registry.succeeded(early, Duration.ofMillis(80));

        assertThat(registry.snapshot().getFirst().circuit()).isEqualTo("open");
        assertThat(registry.available(a)).isFalse();
    }

    @Test
    void anAttemptBegunBeforeTheCircuitOpenedSucceedingDuringTheProbeLeavesItHalfOpenUntilTheProbeFails() {
        ReservedAttempt stale = reserve(registry, a);
        openCircuit();
        clock.advance(Duration.ofSeconds(30));
        ReservedAttempt probe = reserve(registry, a);

        registry.succeeded(stale, Duration.ofMillis(80));

        assertThat(circuit()).isEqualTo("half_open");
        assertThat(registry.tryAcquire(a, 10)).as("the probe is still out").isEmpty();
        registry.failed(probe, TIMEOUT);
        assertThat(circuit()).isEqualTo("open");
    }

    @Test
    void anAttemptBegunBeforeTheCircuitOpenedFailingDuringTheProbeLetsTheProbesSuccessCloseIt() {
        ReservedAttempt stale = reserve(registry, a);
        openCircuit();
        clock.advance(Duration.ofSeconds(30));
        ReservedAttempt probe = reserve(registry, a);

        registry.failed(stale, TIMEOUT);

        assertThat(circuit()).isEqualTo("half_open");
        registry.succeeded(probe, Duration.ofMillis(80));
        assertThat(circuit()).isEqualTo("closed");
    }

    @Test
    void anAttemptBegunBeforeTheCircuitOpenedAbandonedDuringTheProbeDoesNotFreeTheProbe() {
        ReservedAttempt stale = reserve(registry, a);
        openCircuit();
        clock.advance(Duration.ofSeconds(30));
        reserve(registry, a);

        registry.abandoned(stale);

        assertThat(registry.tryAcquire(a, 10)).as("a second probe").isEmpty();
    }

    @Test
    void attemptsBegunBeforeTheCircuitOpenedCannotReopenItOnceItHasRecovered() {
        List<ReservedAttempt> stale = List.of(reserve(registry, a), reserve(registry, a), reserve(registry, a));
        openCircuit();
        clock.advance(Duration.ofSeconds(30));
        registry.succeeded(reserve(registry, a), Duration.ofMillis(80));

        stale.forEach(attempt -> registry.failed(attempt, TIMEOUT));

        assertThat(circuit()).isEqualTo("closed");
        assertThat(registry.consecutiveFailures("a")).isZero();
    }

    @Test
    void anAttemptBegunBeforeTheCircuitOpenedStillCountsInTheStatistics() {
        ReservedAttempt stale = reserve(registry, a);
        openCircuit();
        clock.advance(Duration.ofSeconds(30));
        reserve(registry, a);

        registry.succeeded(stale, Duration.ofMillis(80));

        DeploymentStatus status = registry.snapshot().getFirst();
        assertThat(status.successes()).isEqualTo(1);
        assertThat(status.latencyMillis()).isEqualTo(80.0);
    }

    @Test
    void aSecondReportOnTheSameAttemptChangesNothing() {
        ReservedAttempt first = reserve(registry, a);
        reserve(registry, a);

        registry.failed(first, TIMEOUT);
        registry.failed(first, TIMEOUT);
        registry.abandoned(first);
        registry.succeeded(first, Duration.ofMillis(80));

        DeploymentStatus status = registry.snapshot().getFirst();
        assertThat(status.failures()).isEqualTo(1);
        assertThat(status.successes()).isZero();
        assertThat(status.consecutiveFailures()).isEqualTo(1);
        assertThat(status.inFlight()).as("the other attempt").isEqualTo(1);
    }

    @Test
    void theWindowStartsAfreshWhenTheCircuitCloses() {
        HealthRegistry byRate = new HealthRegistry(new HealthPolicy(100, 0.5, 4, Duration.ofSeconds(60),
                Duration.ofSeconds(30)), clock);
        for (int i = 0; i < 4; i++) {
            fail(byRate, a, TIMEOUT);
        }
        clock.advance(Duration.ofSeconds(30));
        succeed(byRate, a);

        fail(byRate, a, TIMEOUT);

        assertThat(byRate.available(a)).as("1 failure of 2 in the new window, under minRequests").isTrue();
    }

    private String circuit() {
        return registry.snapshot().getFirst().circuit();
    }

    private void openCircuit() {
        for (int i = 0; i < 3; i++) {
            fail(registry, a, TIMEOUT);
        }
        assertThat(registry.available(a)).isFalse();
    }
}
