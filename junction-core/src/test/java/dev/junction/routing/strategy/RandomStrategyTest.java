package dev.junction.routing.strategy;

import static dev.junction.routing.strategy.Picks.deployment;
import static dev.junction.routing.strategy.Picks.firsts;
import static dev.junction.routing.strategy.Picks.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.routing.Deployment;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.health.HealthView;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomStrategyTest {

    private static final List<Deployment> ABC = List.of(deployment("a", 50), deployment("b", 30),
            deployment("c", 20));

    private final RandomStrategy strategy = new RandomStrategy();

    private static PickContext seeded(long seed) {
        return new PickContext(RequestFacts.NONE, HealthView.EMPTY, new SplittableRandom(seed));
    }

    @Test
    void firstPicksFollowTheWeightsWithinTwoPercentOverTenThousand() {
        Map<String, Integer> counts = firsts(strategy, ABC, seeded(7), 10_000);

        assertThat(counts.get("a")).isBetween(4800, 5200);
        assertThat(counts.get("b")).isBetween(2800, 3200);
        assertThat(counts.get("c")).isBetween(1800, 2200);
    }

    @Test
    void theSameSeedGivesTheSameOrders() {
        PickContext one = seeded(99);
        PickContext two = seeded(99);
        for (int i = 0; i < 100; i++) {
            assertThat(ids(strategy.order(ABC, one))).isEqualTo(ids(strategy.order(ABC, two)));
        }
    }

    @Test
    void theRestFollowInEveryOrderOverManyPicks() {
        List<Deployment> four = List.of(deployment("a"), deployment("b"), deployment("c"), deployment("d"));
        PickContext context = seeded(3);
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            List<String> order = ids(strategy.order(four, context));
            assertThat(order).containsExactlyInAnyOrder("a", "b", "c", "d");
            seen.add(order);
        }

        assertThat(seen).hasSize(24);
    }
}
