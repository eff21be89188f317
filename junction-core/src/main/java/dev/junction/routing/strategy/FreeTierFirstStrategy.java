package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import java.util.List;

/**
 * {@code free-tier-first}: deployments tagged {@value Deployment#FREE_TIER} first, then the paid ones, each in
 * configuration order. A free deployment that answered 429 or is over its own quota is not in {@code available} (the
 * health filter removed it), which is how traffic moves to the paid ones and comes back when the free one recovers.
 * Stateless and thread safe.
 */
public final class FreeTierFirstStrategy implements Strategy {

    @Override
    public List<Deployment> order(List<Deployment> available, PickContext context) {
        int n = available.size();
        int free = 0;
        boolean paidSeen = false;
        boolean partitioned = true;
        for (int i = 0; i < n; i++) {
            if (available.get(i).freeTier()) {
                free++;
                partitioned &= !paidSeen;
            } else {
                paidSeen = true;
            }
        }
        if (partitioned) {
            return available;
        }
        Deployment[] order = new Deployment[n];
        int nextFree = 0;
        int nextPaid = free;
        for (int i = 0; i < n; i++) {
            Deployment d = available.get(i);
            order[d.freeTier() ? nextFree++ : nextPaid++] = d;
        }
        return TryOrder.of(order);
    }
}
