package dev.junction.routing.strategy;

import dev.junction.routing.Capabilities;
import dev.junction.routing.Deployment;
import java.util.List;

/**
 * {@code capability-aware}: only the deployments that can serve this request ({@link Capabilities#fits}: vision for
 * images, tools, a context window holding the input and the output allowance), in configuration order. Unknown
 * capabilities count as present. The result may be empty; the route then moves on to its next group. Stateless and
 * thread safe.
 */
public final class CapabilityAwareStrategy implements Strategy {

    @Override
    public List<Deployment> order(List<Deployment> available, PickContext context) {
        int n = available.size();
        boolean[] fits = new boolean[n];
        int fitting = 0;
        for (int i = 0; i < n; i++) {
            fits[i] = available.get(i).capabilities().fits(context.facts());
            if (fits[i]) {
                fitting++;
            }
        }
        if (fitting == n) {
            return available;
        }
        if (fitting == 0) {
            return List.of();
        }
        Deployment[] order = new Deployment[fitting];
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (fits[i]) {
                order[next++] = available.get(i);
            }
        }
        return TryOrder.of(order);
    }
}
