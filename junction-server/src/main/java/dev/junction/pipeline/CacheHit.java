package dev.junction.pipeline;

import java.util.Optional;

/**
 * The mark a response cache leaves on an exchange it will answer from an entry, for the stages between its lookup
 * and its answer: the rate limits count the request but not its tokens, the budgets reserve nothing, and the cost
 * stage charges {@code chargeShare} of the standard cost and meters nothing. Immutable.
 *
 * @param kind how the entry was found ({@code exact}, later {@code semantic})
 * @param chargeShare the share of the standard cost the hit is charged (0: free)
 * @param savedNanos the metered cost of the upstream call the hit saved
 */
public record CacheHit(String kind, double chargeShare, long savedNanos) {

    private static final Exchange.Attribute<CacheHit> HIT = new Exchange.Attribute<>("cache-hit");

    /** Marks {@code exchange} as answered from the cache. */
    public void mark(Exchange exchange) {
        exchange.attach(HIT, this);
    }

    /** The mark, when the exchange will be answered from the cache. */
    public static Optional<CacheHit> of(Exchange exchange) {
        return exchange.attached(HIT);
    }
}
