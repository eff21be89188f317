package dev.junction.pricing;

import dev.junction.model.Usage;
import dev.junction.routing.Deployment;
import dev.junction.routing.Price;
import dev.junction.routing.UnitPrices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the three {@link Costs} layers of a request from a {@link PriceCatalog}. Immutable and thread safe.
 *
 * <ul>
 *   <li><b>Metered</b>: what the upstream provider bills for the tokens used. Priced at the serving deployment's
 *       configured price; without one, at the catalog price of the model sent upstream; without that, zero (an
 *       unpriced local model costs nothing we know of).
 *   <li><b>Standard</b>: what the same tokens cost at the list price of the model the client asked for, so that two
 *       callers asking for {@code gpt-4o} are billed alike whichever deployment served them. A name with no list price
 *       (a custom route such as {@code general}) takes the metered cost.
 *   <li><b>Charged</b>: what the caller is billed: standard × (1 + markup), rounded half up to a nano-dollar, never
 *       below zero (a markup of −1.0 or less makes the request free).
 * </ul>
 *
 * <p>Every layer prices the same usage; they differ only in the price used, and charged only by the markup. A layer's
 * cost is its tokens at the price's token prices plus each unit used ({@link UnitUsage}) at the price's unit price
 * ({@link UnitPrices#find}, most specific first; an unpriced unit costs nothing), summed exactly and rounded once.
 */
public final class CostCalculator {

    private final PriceCatalog catalog;

    /** @param catalog the list prices, usually {@link PriceCatalog#bundled()} with the operator's overrides */
    public CostCalculator(PriceCatalog catalog) {
        this.catalog = catalog;
    }

    /** The catalog (with overrides) this calculator prices by. */
    public PriceCatalog catalog() {
        return catalog;
    }

    /** The three layers of one finished request. */
    public Costs costs(CostInputs in) {
        long metered = in.deploymentPrice().or(() -> catalog.find(in.upstreamModel()))
                .map(price -> costNanos(price, in.usage(), in.units())).orElse(0L);
        long standard = catalog.find(in.publicModel()).map(price -> costNanos(price, in.usage(), in.units()))
                .orElse(metered);
        return new Costs(metered, standard, charged(standard, in.markup()));
    }

    /** The tokens and the units at this price, in nano-dollars rounded half up once. */
    static long costNanos(Price price, Usage usage, UnitUsage units) {
        return price.exactTokenNanos(usage).add(unitNanos(price.units(), units)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    private static BigDecimal unitNanos(UnitPrices prices, UnitUsage units) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, Double> used : units.quantities().entrySet()) {
            sum = sum.add(prices.exactNanos(used.getKey(), used.getValue()));
        }
        return sum;
    }

    /**
     * The most a request could be charged, for reserving budget before it runs: the charged layer of the dearest
     * outcome with at most these token counts ({@link Price#worstCaseNanos}). When the public model has a list price,
     * that price bounds the standard layer whichever deployment serves; otherwise the dearest candidate does, each
     * priced as metered is (its configured price, else its upstream model's catalog price). Zero when nothing is
     * priced.
     *
     * @param candidates every deployment that might serve the request
     * @throws IllegalArgumentException when the markup is not a finite number
     */
    public long worstCaseChargedNanos(String publicModel, List<Deployment> candidates, long inputTokens,
                                      long maxOutputTokens, double markup) {
        return worstCaseChargedNanos(publicModel, candidates, inputTokens, maxOutputTokens, UnitUsage.NONE, markup);
    }

    /**
     * {@link #worstCaseChargedNanos(String, List, long, long, double)} of a request that may also consume at most
     * {@code units} (e.g. {@code n} images at the requested size and quality), priced like {@link #costs} prices
     * units, rounded up once.
     *
     * @throws IllegalArgumentException when the markup is not a finite number
     */
    public long worstCaseChargedNanos(String publicModel, List<Deployment> candidates, long inputTokens,
                                      long maxOutputTokens, UnitUsage units, double markup) {
        if (!Double.isFinite(markup)) {
            throw new IllegalArgumentException("markup must be a finite number, got " + markup);
        }
        long standard = catalog.find(publicModel).map(price -> worstCaseNanos(price, inputTokens, maxOutputTokens,
                        units))
                .orElseGet(() -> candidates.stream().map(this::meteredPrice).flatMap(Optional::stream)
                        .mapToLong(price -> worstCaseNanos(price, inputTokens, maxOutputTokens, units)).max()
                        .orElse(0));
        return charged(standard, markup);
    }

    private static long worstCaseNanos(Price price, long inputTokens, long maxOutputTokens, UnitUsage units) {
        return price.exactWorstCaseTokenNanos(inputTokens, maxOutputTokens).add(unitNanos(price.units(), units))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private Optional<Price> meteredPrice(Deployment deployment) {
        return deployment.price().or(() -> catalog.find(deployment.model()));
    }

    /** Standard × (1 + markup), half up, at least zero. Exact: the markup's shortest decimal form is used. */
    static long charged(long standardNanos, double markup) {
        BigDecimal factor = BigDecimal.ONE.add(BigDecimal.valueOf(markup));
        if (factor.signum() <= 0) {
            return 0;
        }
        return BigDecimal.valueOf(standardNanos).multiply(factor).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
