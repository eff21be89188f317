package dev.junction.routing.strategy;

import static dev.junction.routing.strategy.Picks.deployment;
import static dev.junction.routing.strategy.Picks.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.routing.Deployment;
import dev.junction.routing.RequestFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class StrategiesTest {

    static final List<String> NAMES = Strategies.NAMES;

    @Test
    void everyNameHasItsOwnStrategyClass() {
        assertThat(NAMES.stream().map(n -> Strategies.create(n).getClass()).distinct()).hasSize(10);
        assertThat(Strategies.create("weighted")).isInstanceOf(WeightedStrategy.class);
        assertThat(Strategies.create("failover-demotion")).isInstanceOf(FailoverDemotionStrategy.class);
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void eachCreateReturnsAFreshInstance(String name) {
        assertThat(Strategies.create(name)).isNotSameAs(Strategies.create(name));
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnesListed() {
        assertThatThrownBy(() -> Strategies.create("fastest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fastest'")
                .hasMessageContaining(String.join(", ", NAMES));
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void everyOrderIsAPermutationOfTheAvailableDeploymentsWhenAllCanServe(String name) {
        Strategy strategy = Strategies.create(name);
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 200; round++) {
            List<Deployment> available = group(1 + random.nextInt(40), random);
            FakeHealth health = randomHealth(available, random);
            PickContext context = new PickContext(new RequestFacts(500, 500, false, false), health, random);

            List<Deployment> order = strategy.order(available, context);

            assertThat(order).containsExactlyInAnyOrderElementsOf(available);
        }
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void concurrentPicksFromFourThreadsStayPermutations(String name) throws Exception {
        Strategy strategy = Strategies.create(name);
        SplittableRandom setup = new SplittableRandom(5);
        List<Deployment> available = group(30, setup);
        FakeHealth health = randomHealth(available, setup);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    PickContext context = new PickContext(RequestFacts.NONE, health, ThreadLocalRandom.current());
                    for (int i = 0; i < 5000; i++) {
                        assertThat(ids(strategy.order(available, context))).doesNotHaveDuplicates()
                                .hasSameSizeAs(available);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static List<Deployment> group(int size, SplittableRandom random) {
        List<Deployment> group = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Deployment d = deployment("d" + i, 1 + random.nextInt(5));
            group.add(switch (random.nextInt(3)) {
                case 0 -> Picks.priced(d.id(), random.nextDouble(5), random.nextDouble(15));
                case 1 -> Picks.tagged(d.id(), Deployment.FREE_TIER);
                default -> d;
            });
        }
        return List.copyOf(group);
    }

    private static FakeHealth randomHealth(List<Deployment> group, SplittableRandom random) {
        FakeHealth health = new FakeHealth();
        for (Deployment d : group) {
            if (random.nextBoolean()) {
                health.latency(d.id(), random.nextDouble(500));
            }
            health.inFlight(d.id(), random.nextInt(4)).failures(d.id(), random.nextInt(3));
        }
        return health;
    }
}
