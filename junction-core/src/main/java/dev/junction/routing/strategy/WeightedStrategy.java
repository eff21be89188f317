package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weighted}: smooth weighted round-robin (nginx's algorithm). Each pick adds every available deployment's
 * weight to its current weight, takes the one with the largest current weight (the first in configuration order on a
 * tie) and subtracts the total of the available weights from it. Over a stable set the first picks follow the weights
 * exactly (5/3/2 gives 5, 3 and 2 firsts in every 10 picks) and are spread out rather than bunched
 * ({@code A B C A A B A C B A}, not {@code A A A A A B B B C C}). The picked deployment comes first, then the others
 * by descending weight, ties in configuration order.
 *
 * <p>Current weights are kept by deployment id. A deployment that is not available at a pick keeps its current weight
 * unchanged (as nginx skips a down peer), so one that drops out and comes back neither loses nor gains more than one
 * round's share; a deployment never seen before starts at zero. State grows with the ids the group has held, which
 * configuration bounds.
 *
 * <p>Thread safe: the pick itself (one pass over the available deployments) runs under a private lock, so
 * concurrent picks are exact too; building the returned order happens outside it.
 */
public final class WeightedStrategy implements Strategy {

    private final Object lock = new Object();
    /** Current weights by deployment id; guarded by {@link #lock}. */
    private final Map<String, Current> current = new HashMap<>();

    /** One deployment's current weight, mutated in place so a pick allocates nothing for its state. */
    private static final class Current {
        long value;
    }

    @Override
    public List<Deployment> order(List<Deployment> available, PickContext context) {
        int n = available.size();
        int picked = pick(available);
        // The rest heaviest first: ascending by (Integer.MAX_VALUE - weight), ties in configuration order.
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = KeyOrder.pack(Integer.MAX_VALUE - available.get(i).weight(), i);
        }
        if (!KeyOrder.ascending(packed)) {
            Arrays.sort(packed);
        }
        Deployment[] order = new Deployment[n];
        order[0] = available.get(picked);
        int next = 1;
        for (long p : packed) {
            int position = (int) p;
            if (position != picked) {
                order[next++] = available.get(position);
            }
        }
        return TryOrder.of(order);
    }

    /** One step of smooth weighted round-robin over {@code available}: the position of the picked deployment. */
    private int pick(List<Deployment> available) {
        synchronized (lock) {
            return pickLocked(available);
        }
    }

    private int pickLocked(List<Deployment> available) {
        long total = 0;
        int best = 0;
        Current bestCurrent = null;
        for (int i = 0; i < available.size(); i++) {
            Deployment d = available.get(i);
            Current c = current.computeIfAbsent(d.id(), id -> new Current());
            c.value += d.weight();
            total += d.weight();
            if (bestCurrent == null || c.value > bestCurrent.value) {
                best = i;
                bestCurrent = c;
            }
        }
        bestCurrent.value -= total;
        return best;
    }
}
