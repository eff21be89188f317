package dev.junction.routing.strategy;

import java.util.List;

/** The strategies by name, for configuration. */
public final class Strategies {

    /** Every strategy name, in documentation order. */
    public static final List<String> NAMES = List.of("priority", "round-robin", "weighted", "random", "least-latency",
            "least-busy", "least-cost", "free-tier-first", "capability-aware", "failover-demotion");

    private Strategies() {}

    /**
     * A new instance of the named strategy (one per route group: strategies may keep state).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Strategy create(String name) {
        return switch (name) {
            case "priority" -> new PriorityStrategy();
            case "round-robin" -> new RoundRobinStrategy();
            case "weighted" -> new WeightedStrategy();
            case "random" -> new RandomStrategy();
            case "least-latency" -> new LeastLatencyStrategy();
            case "least-busy" -> new LeastBusyStrategy();
            case "least-cost" -> new LeastCostStrategy();
            case "free-tier-first" -> new FreeTierFirstStrategy();
            case "capability-aware" -> new CapabilityAwareStrategy();
            case "failover-demotion" -> new FailoverDemotionStrategy();
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "'; known strategies: "
                    + String.join(", ", NAMES));
        };
    }
}
