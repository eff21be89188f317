package dev.junction.routing.strategy;

import static dev.junction.routing.strategy.Picks.context;
import static dev.junction.routing.strategy.Picks.deployment;
import static dev.junction.routing.strategy.Picks.firsts;
import static dev.junction.routing.strategy.Picks.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.routing.Deployment;
import dev.junction.routing.RequestFacts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LeastLatencyStrategyTest {

    private static final Deployment FAST = deployment("fast");
    private static final Deployment SLOW = deployment("slow");
    private static final Deployment MIDDLE = deployment("middle");

    /** A generator whose draws are never under the exploration threshold. */
    private static final RandomGenerator NEVER_EXPLORES = () -> -1L;

    private final LeastLatencyStrategy strategy = new LeastLatencyStrategy();
    private final FakeHealth health = new FakeHealth();

    private List<String> order(List<Deployment> available) {
        return ids(strategy.order(available, new PickContext(RequestFacts.NONE, health, NEVER_EXPLORES)));
    }

    @Test
    void ordersByAscendingLatency() {
        health.latency("fast", 20).latency("middle", 80).latency("slow", 200);

        assertThat(order(List.of(SLOW, FAST, MIDDLE))).containsExactly("fast", "middle", "slow");
    }

    @Test
    void theFastDeploymentIsFirstInAboutNinetyFivePercentAndTheSlowOneIsStillProbed() {
        health.latency("fast", 20).latency("slow", 200);

        Map<String, Integer> counts = firsts(strategy, List.of(SLOW, FAST), context(health), 10_000);

        assertThat(counts.get("fast")).isBetween(9350, 9650);
        assertThat(counts.get("slow")).isBetween(350, 650);
    }

    @Test
    void explorationPicksAmongAllTheSlowerDeployments() {
        health.latency("fast", 20).latency("middle", 80).latency("slow", 200);

        Map<String, Integer> counts = firsts(strategy, List.of(FAST, MIDDLE, SLOW), context(health), 20_000);

        assertThat(counts.get("middle")).isBetween(300, 700);
        assertThat(counts.get("slow")).isBetween(300, 700);
    }

    @Test
    void anUnsampledDeploymentGoesFirst() {
        health.latency("fast", 20).latency("slow", 200);
        Deployment fresh = deployment("fresh");

        assertThat(order(List.of(FAST, SLOW, fresh))).containsExactly("fresh", "fast", "slow");
    }

    @Test
    void aDeploymentWithoutASampleForThirtySecondsIsSampledAgain() {
        long staleAt = System.nanoTime() - Duration.ofSeconds(31).toNanos();
        health.latency("fast", 20).latency("slow", 200, staleAt);

        assertThat(order(List.of(FAST, SLOW))).containsExactly("slow", "fast");
    }

    @Test
    void aSampleYoungerThanThirtySecondsStillCounts() {
        long recent = System.nanoTime() - Duration.ofSeconds(25).toNanos();
        health.latency("fast", 20).latency("slow", 200, recent);

        assertThat(order(List.of(FAST, SLOW))).containsExactly("fast", "slow");
    }

    @Test
    void aStaleDeploymentWithAnAttemptInFlightRanksByItsOldAverage() {
        long staleAt = System.nanoTime() - Duration.ofSeconds(31).toNanos();
        health.latency("fast", 20).latency("slow", 200, staleAt).inFlight("slow", 1);

        assertThat(order(List.of(SLOW, FAST))).containsExactly("fast", "slow");
    }

    @Test
    void anUnsampledDeploymentWithItsFirstAttemptInFlightWaitsAtTheBack() {
        health.latency("fast", 20).latency("slow", 200).inFlight("new", 1);
        Deployment probing = deployment("new");

        assertThat(order(List.of(probing, SLOW, FAST))).containsExactly("fast", "slow", "new");
    }
}
