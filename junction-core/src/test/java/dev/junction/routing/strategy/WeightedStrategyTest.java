package dev.junction.routing.strategy;

import static dev.junction.routing.strategy.Picks.context;
import static dev.junction.routing.strategy.Picks.deployment;
import static dev.junction.routing.strategy.Picks.firsts;
import static dev.junction.routing.strategy.Picks.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.junction.routing.Deployment;
import dev.junction.routing.health.HealthView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WeightedStrategyTest {

    private static final Deployment A = deployment("a", 5);
    private static final Deployment B = deployment("b", 3);
    private static final Deployment C = deployment("c", 2);
    private static final List<Deployment> ABC = List.of(A, B, C);
    private static final PickContext CONTEXT = context(HealthView.EMPTY);

    private final WeightedStrategy strategy = new WeightedStrategy();

    private String first(List<Deployment> available) {
        return strategy.order(available, CONTEXT).getFirst().id();
    }

    @Test
    void weightsFiftyThirtyTwentyGiveExactlyThoseFirstPicksOverTenThousand() {
        assertThat(firsts(strategy, ABC, CONTEXT, 10_000))
                .containsOnly(entry("a", 5000), entry("b", 3000), entry("c", 2000));
    }

    @Test
    void picksFollowNginxsSmoothSequence() {
        List<String> sequence = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sequence.add(first(ABC));
        }

        assertThat(sequence).containsExactly("a", "b", "c", "a", "a", "b", "a", "c", "b", "a");
    }

    @Test
    void everyRoundOfTenPicksHoldsExactlyTheWeightsAndNoDeploymentRunsMoreThanTwiceInARow() {
        String previous = "";
        int run = 0;
        int longestRun = 0;
        for (int round = 0; round < 1000; round++) {
            Map<String, Integer> counts = new ConcurrentHashMap<>();
            for (int i = 0; i < 10; i++) {
                String id = first(ABC);
                counts.merge(id, 1, Integer::sum);
                run = id.equals(previous) ? run + 1 : 1;
                longestRun = Math.max(longestRun, run);
                previous = id;
            }
            assertThat(counts).containsOnly(entry("a", 5), entry("b", 3), entry("c", 2));
        }

        assertThat(longestRun).isEqualTo(2);
    }

    @Test
    void equalWeightsAlternateLikeRoundRobin() {
        List<Deployment> even = List.of(deployment("x"), deployment("y"), deployment("z"));
        List<String> sequence = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sequence.add(strategy.order(even, CONTEXT).getFirst().id());
        }

        assertThat(sequence).containsExactly("x", "y", "z", "x", "y", "z");
    }

    @Test
    void thePickedDeploymentComesFirstThenTheOthersByDescendingWeightStably() {
        Deployment light = deployment("light", 1);
        Deployment heavy = deployment("heavy", 10);
        Deployment lightToo = deployment("light-too", 1);
        Deployment middle = deployment("middle", 4);
        List<Deployment> available = List.of(light, heavy, lightToo, middle);

        List<Deployment> order = strategy.order(available, CONTEXT);

        assertThat(ids(order)).containsExactly("heavy", "middle", "light", "light-too");
        // The second pick is 'middle' (its current weight is now the largest): the rest still heaviest first.
        assertThat(ids(strategy.order(available, CONTEXT))).containsExactly("middle", "heavy", "light", "light-too");
    }

    @Test
    void staysExactUnderFourConcurrentThreads() throws Exception {
        int threads = 4;
        int picksEach = 2500;
        Map<String, Integer> totals = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < picksEach; i++) {
                        totals.merge(strategy.order(ABC, CONTEXT).getFirst().id(), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(totals).containsOnly(entry("a", 5000), entry("b", 3000), entry("c", 2000));
    }

    @Test
    void aDeploymentThatDropsOutGetsNothingAndGetsItsShareBackWhenItReturns() {
        firsts(strategy, ABC, CONTEXT, 1003);

        Map<String, Integer> withoutB = firsts(strategy, List.of(A, C), CONTEXT, 7000);
        Map<String, Integer> afterReturn = firsts(strategy, ABC, CONTEXT, 10_000);

        assertThat(withoutB).doesNotContainKey("b");
        assertThat(withoutB.get("a")).isBetween(4998, 5002);
        assertThat(withoutB.get("c")).isBetween(1998, 2002);
        assertThat(afterReturn.get("a")).isBetween(4998, 5002);
        assertThat(afterReturn.get("b")).isBetween(2998, 3002);
        assertThat(afterReturn.get("c")).isBetween(1998, 2002);
    }

    @Test
    void aDeploymentThatReturnsIsPickedWithinOneRound() {
        firsts(strategy, ABC, CONTEXT, 5);
        firsts(strategy, List.of(A, C), CONTEXT, 50);

        List<String> afterReturn = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            afterReturn.add(first(ABC));
        }

        assertThat(afterReturn).contains("b");
    }
}
