package dev.junction.pipeline;

import dev.junction.pricing.Costs;
import java.util.ArrayList;
import java.util.List;

/**
 * A cost a request incurs besides its own upstream call, such as the embedding call of a semantic cache lookup: the
 * stage that spends it adds it to the exchange, and the cost stage adds every side cost to the request's costs (so
 * the budget settles them and the request log shows them). Immutable.
 *
 * @param what what was spent on, for the log ({@code semantic-cache-embedding})
 * @param costs its metered, standard and charged cost
 */
public record SideCost(String what, Costs costs) {

    private static final Exchange.Attribute<List<SideCost>> SIDE = new Exchange.Attribute<>("side-costs");

    /** Adds this cost to {@code exchange}'s; call on the exchange's event loop. */
    public void add(Exchange exchange) {
        List<SideCost> costs = exchange.attached(SIDE).orElseGet(() -> {
            List<SideCost> fresh = new ArrayList<>();
            exchange.attach(SIDE, fresh);
            return fresh;
        });
        costs.add(this);
    }

    /** The sum of the side costs added to {@code exchange}; {@link Costs#ZERO} when none. */
    public static Costs total(Exchange exchange) {
        Costs sum = Costs.ZERO;
        for (SideCost side : exchange.attached(SIDE).orElse(List.of())) {
            sum = new Costs(sum.meteredNanos() + side.costs().meteredNanos(),
                    sum.standardNanos() + side.costs().standardNanos(),
                    sum.chargedNanos() + side.costs().chargedNanos());
        }
        return sum;
    }
}
