package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code round-robin}: every pick starts one deployment further along, the others following in configuration order
 * (wrapping around), so a stable set of {@code n} deployments each goes first once in every {@code n} picks. The
 * position is one atomic counter, taken modulo the number of deployments available at that pick; thread safe and
 * lock free.
 */
public final class RoundRobinStrategy implements Strategy {

    private final AtomicLong picks = new AtomicLong();

    @Override
    public List<Deployment> order(List<Deployment> available, PickContext context) {
        int n = available.size();
        int start = (int) Math.floorMod(picks.getAndIncrement(), (long) n);
        if (start == 0) {
            return available;
        }
        Deployment[] order = new Deployment[n];
        for (int i = 0; i < n; i++) {
            order[i] = available.get((start + i) % n);
        }
        return TryOrder.of(order);
    }
}
