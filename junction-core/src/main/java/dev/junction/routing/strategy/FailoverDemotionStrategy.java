package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import dev.junction.routing.health.HealthView;
import java.util.List;

/**
 * {@code failover-demotion}: configuration order, except that deployments are ranked by their failures since their
 * last success ({@link HealthView#consecutiveFailures}), fewest first and ties in configuration order. A deployment
 * that keeps failing sinks to the back of its group (behind every one that failed less), and returns to its place as
 * soon as it succeeds again and its count resets. Stateless (the counts live in the health view) and thread safe.
 */
public final class FailoverDemotionStrategy implements Strategy {

    @Override
    public List<Deployment> order(List<Deployment> available, PickContext context) {
        HealthView health = context.health();
        long[] packed = new long[available.size()];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = KeyOrder.pack(Math.max(0, health.consecutiveFailures(available.get(i).id())), i);
        }
        return KeyOrder.sorted(available, packed);
    }
}
