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
        throw new UnsupportedOperationException("strategies are being implemented: " + name);
    }
}
