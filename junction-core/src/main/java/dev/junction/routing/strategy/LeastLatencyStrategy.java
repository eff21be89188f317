package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import dev.junction.routing.health.HealthView;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code least-latency}: ascending moving average of the time to first byte ({@link HealthView#latencyMillis}), ties
 * in configuration order, with two ways for a deployment that lost the race to be measured again:
 * <ul>
 *   <li><b>Sampling.</b> A deployment with no sample, or whose last sample is older than {@link #STALE_AFTER}, goes
 *       first (configuration order among such): it needs a fresh measurement, and a recovered deployment would
 *       otherwise keep the bad average that made it lose. While an attempt to it is in flight its sample is on the
 *       way, so it is not pushed forward again (a stale one ranks by its old average, one never measured goes last)
 *       and a burst of requests does not all land on it.</li>
 *   <li><b>Exploration.</b> With probability {@link #EXPLORATION} a uniformly chosen deployment other than the
 *       fastest is moved to the front, so a slower deployment keeps getting a trickle of traffic and its average
 *       follows its real latency.</li>
 * </ul>
 * Stateless (the averages live in the health view) and thread safe; reads the clock once per pick.
 */
public final class LeastLatencyStrategy implements Strategy {

    /** The share of picks that put a random other deployment first: 5%. */
    public static final double EXPLORATION = 0.05;

    /** After this long without a sample a deployment is measured again as if it had none: 30 s. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private static final long STALE_NANOS = STALE_AFTER.toNanos();
    private static final int NEEDS_SAMPLE = 0;
    private static final int PROBE_IN_FLIGHT = Integer.MAX_VALUE;

    @Override
    public List<Deployment> order(List<Deployment> available, PickContext context) {
        int n = available.size();
        HealthView health = context.health();
        long now = System.nanoTime();
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = KeyOrder.pack(key(health, available.get(i).id(), now), i);
        }
        RandomGenerator random = context.random();
        boolean explore = n > 1 && random.nextDouble() < EXPLORATION;
        if (!explore) {
            return KeyOrder.sorted(available, packed);
        }
        Deployment[] order = KeyOrder.sort(available, packed);
        int chosen = 1 + random.nextInt(n - 1);
        Deployment explored = order[chosen];
        System.arraycopy(order, 0, order, 1, chosen);
        order[0] = explored;
        return TryOrder.of(order);
    }

    private static int key(HealthView health, String id, long now) {
        double latency = health.latencyMillis(id);
        long last = health.lastSampleNanos(id);
        boolean measured = !Double.isNaN(latency) && last != Long.MIN_VALUE;
        boolean fresh = measured && now - last <= STALE_NANOS;
        if (fresh) {
            return 1 + KeyOrder.ofNonNegative(latency);
        }
        if (health.inFlight(id) == 0) {
            return NEEDS_SAMPLE;
        }
        return measured ? 1 + KeyOrder.ofNonNegative(latency) : PROBE_IN_FLIGHT;
    }
}
