package dev.junction.bench.routing;

import dev.junction.routing.Deployment;
import dev.junction.routing.health.HealthView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * A health view over a fixed, plausible state for benchmarking: per-deployment latencies (some never sampled),
 * in-flight counts, failure streaks, and about one deployment in ten unavailable (open circuit or cooling down). Kept
 * in a concurrent map by id, as a real tracker keeps it, so lookups cost what they would. Read-only after
 * construction; thread safe.
 */
final class SimulatedHealth implements HealthView {

    private record State(double latencyMillis, long lastSampleNanos, int inFlight, int consecutiveFailures,
                         boolean available) {}

    private static final State UNKNOWN = new State(Double.NaN, Long.MIN_VALUE, 0, 0, true);

    private final Map<String, State> states = new ConcurrentHashMap<>();

    SimulatedHealth(List<Deployment> deployments, RandomGenerator random) {
        long now = System.nanoTime();
        for (Deployment d : deployments) {
            boolean sampled = random.nextInt(20) != 0;
            states.put(d.id(), new State(
                    sampled ? 50 + random.nextDouble(1500) : Double.NaN,
                    sampled ? now - random.nextLong(20_000_000_000L) : Long.MIN_VALUE,
                    random.nextInt(8),
                    random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0,
                    random.nextInt(10) != 0));
        }
    }

    /** Whether the deployment may be tried now: the executor's filter before the strategy orders. */
    boolean available(Deployment deployment) {
        return state(deployment.id()).available();
    }

    private State state(String id) {
        return states.getOrDefault(id, UNKNOWN);
    }

    @Override
    public double latencyMillis(String deploymentId) {
        return state(deploymentId).latencyMillis();
    }

    @Override
    public long lastSampleNanos(String deploymentId) {
        return state(deploymentId).lastSampleNanos();
    }

    @Override
    public int inFlight(String deploymentId) {
        return state(deploymentId).inFlight();
    }

    @Override
    public int consecutiveFailures(String deploymentId) {
        return state(deploymentId).consecutiveFailures();
    }
}
