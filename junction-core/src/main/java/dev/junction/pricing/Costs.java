package dev.junction.pricing;

/**
 * The three cost layers of one request, in nano-dollars (10⁻⁹ USD) so that sums are exact integers.
 *
 * @param meteredNanos what the provider charges for the tokens actually used, at the deployment's price
 * @param standardNanos the catalog list price of the public model the client asked for
 * @param chargedNanos what the caller is billed: the standard cost with the configured markup or discount
 */
public record Costs(long meteredNanos, long standardNanos, long chargedNanos) {

    /** Nothing spent. */
    public static final Costs ZERO = new Costs(0, 0, 0);

    /** Nano-dollars in one US dollar. */
    public static final long NANOS_PER_USD = 1_000_000_000L;

    /** Nano-dollars as US dollars, for display. */
    public static double usd(long nanos) {
        return nanos / (double) NANOS_PER_USD;
    }

    /** US dollars as nano-dollars, rounded to the nearest. */
    public static long nanos(double usd) {
        return Math.round(usd * NANOS_PER_USD);
    }
}
