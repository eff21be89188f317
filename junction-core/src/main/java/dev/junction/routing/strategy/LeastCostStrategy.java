package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import dev.junction.routing.Price;
import dev.junction.routing.RequestFacts;
import java.util.List;

/**
 * {@code least-cost}: cheapest first for this request, by {@link Price#cost} of the request's estimated input tokens
 * and its output allowance ({@link RequestFacts#inputTokens}, {@link RequestFacts#maxOutputTokens}); ties (costs
 * closer than a float's precision, or every cost zero for a request with no token estimate) in configuration order.
 * Deployments without a price come last, in configuration order. Stateless and thread safe.
 */
public final class LeastCostStrategy implements Strategy {

    private static final int UNPRICED = Integer.MAX_VALUE;

    @Override
    public List<Deployment> order(List<Deployment> available, PickContext context) {
        RequestFacts facts = context.facts();
        long[] packed = new long[available.size()];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = KeyOrder.pack(key(available.get(i), facts), i);
        }
        return KeyOrder.sorted(available, packed);
    }

    private static int key(Deployment deployment, RequestFacts facts) {
        if (deployment.price().isEmpty()) {
            return UNPRICED;
        }
        double cost = deployment.price().get().cost(facts.inputTokens(), facts.maxOutputTokens());
        return Double.isNaN(cost) ? UNPRICED : KeyOrder.ofNonNegative(cost);
    }
}
