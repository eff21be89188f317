package dev.junction.routing.strategy;

import dev.junction.routing.health.HealthView;
import java.util.HashMap;
import java.util.Map;

/** A health view whose values a test sets; nothing recorded reads as {@link HealthView#EMPTY} does. */
final class FakeHealth implements HealthView {

    private final Map<String, Double> latency = new HashMap<>();
    private final Map<String, Long> lastSample = new HashMap<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();

    /** A latency average sampled just now. */
    FakeHealth latency(String id, double millis) {
        return latency(id, millis, System.nanoTime());
    }

    /** A latency average whose last sample was taken at {@code sampledAtNanos}. */
    FakeHealth latency(String id, double millis, long sampledAtNanos) {
        latency.put(id, millis);
        lastSample.put(id, sampledAtNanos);
        return this;
    }

    FakeHealth inFlight(String id, int count) {
        inFlight.put(id, count);
        return this;
    }

    FakeHealth failures(String id, int count) {
        failures.put(id, count);
        return this;
    }

    @Override
    public double latencyMillis(String deploymentId) {
        return latency.getOrDefault(deploymentId, Double.NaN);
    }

    @Override
    public long lastSampleNanos(String deploymentId) {
        return lastSample.getOrDefault(deploymentId, Long.MIN_VALUE);
    }

    @Override
    public int inFlight(String deploymentId) {
        return inFlight.getOrDefault(deploymentId, 0);
    }

    @Override
    public int consecutiveFailures(String deploymentId) {
        return failures.getOrDefault(deploymentId, 0);
    }
}
