package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code random}: the first deployment drawn at random in proportion to its weight, the others after it in a uniformly
 * random order. Draws from {@link PickContext#random()}, so a seeded generator makes it reproducible. Stateless and
 * thread safe (as far as the context's generator is).
 */
public final class RandomStrategy implements Strategy {

    @Override
    public List<Deployment> order(List<Deployment> available, PickContext context) {
        RandomGenerator random = context.random();
        int n = available.size();
        int picked = drawWeighted(available, random);
        Deployment[] order = new Deployment[n];
        order[0] = available.get(picked);
        int next = 1;
        for (int i = 0; i < n; i++) {
            if (i != picked) {
                order[next++] = available.get(i);
            }
        }
        // Fisher-Yates over everything after the first.
        for (int i = n - 1; i > 1; i--) {
            int j = 1 + random.nextInt(i);
            Deployment swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return TryOrder.of(order);
    }

    private static int drawWeighted(List<Deployment> available, RandomGenerator random) {
        long total = 0;
        for (int i = 0; i < available.size(); i++) {
            total += available.get(i).weight();
        }
        long ticket = random.nextLong(total);
        for (int i = 0; i < available.size(); i++) {
            ticket -= available.get(i).weight();
            if (ticket < 0) {
                return i;
            }
        }
        return available.size() - 1;
    }
}
