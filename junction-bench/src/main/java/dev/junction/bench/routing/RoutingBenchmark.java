package dev.junction.bench.routing;

import dev.junction.provider.ParamRules;
import dev.junction.routing.Capabilities;
import dev.junction.routing.Deployment;
import dev.junction.routing.Price;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.RouteGroup;
import dev.junction.routing.strategy.PickContext;
import dev.junction.routing.strategy.Strategies;
import dev.junction.routing.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one routing decision over a group of 100 deployments, per strategy: filtering the deployments that are
 * available now (about 10% are not), building the {@link PickContext}, and ordering. Run with
 * {@code junction-bench/jmh.sh}; measures, never asserts.
 *
 * <p>The group is varied the way real ones are: weights 1 to 5, a quarter tagged {@code free-tier}, four price
 * levels (some unpriced), and capabilities from text-only 8k models to 200k models with vision and tools. The request
 * offers tools and needs 12k tokens, so capability-aware filters out a part of the group.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingBenchmark {

    /** Deployments in the benchmarked group. */
    static final int GROUP_SIZE = 100;

    /** Every strategy of {@link Strategies#NAMES} (JMH needs them as constants). */
    @Param({"priority", "round-robin", "weighted", "random", "least-latency", "least-busy", "least-cost",
            "free-tier-first", "capability-aware", "failover-demotion"})
    public String strategy;

    private Strategy picker;
    private RouteGroup group;
    private SimulatedHealth health;
    private final RequestFacts facts = new RequestFacts(10_000, 2_000, false, true);

    @Setup
    public void setUp() {
        picker = Strategies.create(strategy);
        SplittableRandom random = new SplittableRandom(2026);
        List<Deployment> deployments = new ArrayList<>();
        for (int i = 0; i < GROUP_SIZE; i++) {
            deployments.add(deployment(i, random));
        }
        group = new RouteGroup("bench", deployments);
        health = new SimulatedHealth(deployments, random);
    }

    private static Deployment deployment(int i, SplittableRandom random) {
        Set<String> tags = i % 4 == 0 ? Set.of(Deployment.FREE_TIER) : Set.of("paid");
        Capabilities capabilities = switch (i % 3) {
            case 0 -> new Capabilities(OptionalInt.of(8_192), false, false);
            case 1 -> new Capabilities(OptionalInt.of(128_000), true, true);
            default -> new Capabilities(OptionalInt.of(200_000), true, true);
        };
        Optional<Price> price = i % 5 == 4 ? Optional.empty()
                : Optional.of(new Price(0.1 * (1 + random.nextInt(30)), 0.4 * (1 + random.nextInt(30))));
        return new Deployment("provider-" + (i % 7) + "/model-" + i, "provider-" + (i % 7), "model-" + i,
                1 + random.nextInt(5), tags, capabilities, OptionalInt.empty(), OptionalInt.empty(), price,
                ParamRules.NONE, Optional.empty());
    }

    /** One decision: the availability filter, the context, the order. */
    @Benchmark
    public List<Deployment> pick() {
        List<Deployment> all = group.deployments();
        List<Deployment> available = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            Deployment d = all.get(i);
            if (health.available(d)) {
                available.add(d);
            }
        }
        return picker.order(available, new PickContext(facts, health, ThreadLocalRandom.current()));
    }
}
