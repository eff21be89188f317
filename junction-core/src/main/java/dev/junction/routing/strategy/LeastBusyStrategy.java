package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import dev.junction.routing.health.HealthView;
import java.util.List;

/**
 * {@code least-busy}: fewest attempts in flight ({@link HealthView#inFlight}) first, ties in configuration order.
 * Stateless and thread safe; the counts may be a moment stale, so two simultaneous picks can choose the same
 * deployment.
 */
public final class LeastBusyStrategy implements Strategy {

    @Override
    public List<Deployment> order(List<Deployment> available, PickContext context) {
        HealthView health = context.health();
        long[] packed = new long[available.size()];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = KeyOrder.pack(Math.max(0, health.inFlight(available.get(i).id())), i);
        }
        return KeyOrder.sorted(available, packed);
    }
}
