package dev.junction.routing;

import dev.junction.model.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/**
 * The full list price of a model or deployment: US dollars per million tokens of each kind, and per unit of what
 * non-token operations consume ({@link UnitPrices}: per image, second of audio, character, search unit, call).
 * Immutable.
 *
 * <p>An absent token price falls back to its base price: cached reads and cache writes to {@code inputPerMillion},
 * reasoning to {@code outputPerMillion}. {@link #costNanos} and {@link #worstCaseNanos} compute in exact decimal
 * arithmetic ({@link BigDecimal} of each price's shortest decimal form, so {@code 0.15} is exactly 0.15) and round
 * once, at the end, to a whole nano-dollar; the cost of a sum of requests therefore differs from the sum of their
 * costs by at most half a nano-dollar per request.
 *
 * @param inputPerMillion uncached input tokens
 * @param outputPerMillion output tokens that are not reasoning
 * @param cachedReadPerMillion input tokens read from the provider's prompt cache
 * @param cacheWritePerMillion input tokens written to the provider's prompt cache
 * @param reasoningPerMillion reasoning (thinking) output tokens
 * @param units US dollars per unit of non-token usage; {@link #costNanos} counts tokens only, the cost calculator adds
 *     the units ({@code dev.junction.pricing.CostCalculator})
 */
public record Price(double inputPerMillion, double outputPerMillion, OptionalDouble cachedReadPerMillion,
                    OptionalDouble cacheWritePerMillion, OptionalDouble reasoningPerMillion, UnitPrices units) {

    /**
     * Nano-dollars per token at one US dollar per million tokens: tokens × dollars per million tokens is a number of
     * micro-dollars, a thousand nano-dollars each.
     */
    private static final BigDecimal NANOS_PER_TOKEN_AT_ONE_USD = BigDecimal.valueOf(1_000);

    /** @throws IllegalArgumentException when a price is negative, infinite or NaN */
    public Price {
        requireValid("input", inputPerMillion);
        requireValid("output", outputPerMillion);
        requireValid("cached_read", cachedReadPerMillion);
        requireValid("cache_write", cacheWritePerMillion);
        requireValid("reasoning", reasoningPerMillion);
        java.util.Objects.requireNonNull(units, "units");
    }

    /** A price for input and output tokens alone: every other kind of token costs its base price. */
    public Price(double inputPerMillion, double outputPerMillion) {
        this(inputPerMillion, outputPerMillion, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                UnitPrices.NONE);
    }

    /** This price with other unit prices. */
    public Price withUnits(UnitPrices other) {
        return new Price(inputPerMillion, outputPerMillion, cachedReadPerMillion, cacheWritePerMillion,
                reasoningPerMillion, other);
    }

    private static void requireValid(String name, OptionalDouble price) {
        if (price.isPresent()) {
            requireValid(name, price.getAsDouble());
        }
    }

    private static void requireValid(String name, double price) {
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException(name + " price must be a finite number >= 0, got " + price);
        }
    }

    /** The price of a cached-read input token: its own, else the input price. */
    public double effectiveCachedReadPerMillion() {
        return cachedReadPerMillion.orElse(inputPerMillion);
    }

    /** The price of a cache-write input token: its own, else the input price. */
    public double effectiveCacheWritePerMillion() {
        return cacheWritePerMillion.orElse(inputPerMillion);
    }

    /** The price of a reasoning token: its own, else the output price. */
    public double effectiveReasoningPerMillion() {
        return reasoningPerMillion.orElse(outputPerMillion);
    }

    /**
     * The approximate cost in US dollars of a request with these token counts, all at the input and output prices;
     * for comparing deployments (least-cost routing), not for accounting.
     */
    public double cost(long inputTokens, long outputTokens) {
        return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000d;
    }

    /**
     * What this usage costs, in nano-dollars rounded half up: cached reads at the cached-read price, cache writes at
     * the cache-write price, the rest of the input at the input price; reasoning at the reasoning price, the rest of
     * the output at the output price. {@link Usage} counts are inclusive; inconsistent counts (more cached or
     * reasoning tokens than the totals) never make a remainder negative.
     *
     * @throws ArithmeticException when the cost does not fit a {@code long} (more than nine billion dollars)
     */
    public long costNanos(Usage usage) {
        return exactTokenNanos(usage).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * What the tokens of this usage cost in nano-dollars, exact (not rounded), as {@link #costNanos} counts them: for
     * adding further costs (units) before rounding once.
     */
    public BigDecimal exactTokenNanos(Usage usage) {
        long cachedRead = nonNegative(usage.cachedReadTokens());
        long cacheWrite = nonNegative(usage.cacheWriteTokens());
        long reasoning = nonNegative(usage.reasoningTokens());
        long plainInput = Math.max(0, usage.inputTokens() - cachedRead - cacheWrite);
        long plainOutput = Math.max(0, usage.outputTokens() - reasoning);
        BigDecimal perMillion = times(plainInput, inputPerMillion)
                .add(times(cachedRead, effectiveCachedReadPerMillion()))
                .add(times(cacheWrite, effectiveCacheWritePerMillion()))
                .add(times(plainOutput, outputPerMillion))
                .add(times(reasoning, effectiveReasoningPerMillion()));
        return perMillion.multiply(NANOS_PER_TOKEN_AT_ONE_USD);
    }

    /**
     * An upper bound, in nano-dollars rounded up, on {@link #costNanos} of any usage with at most these token counts:
     * every input token at the dearest input price (plain, cached read or cache write), every output token at the
     * dearer of output and reasoning. For reserving budget before a request runs.
     *
     * @throws ArithmeticException when the bound does not fit a {@code long}
     */
    public long worstCaseNanos(long inputTokens, long maxOutputTokens) {
        return exactWorstCaseTokenNanos(inputTokens, maxOutputTokens).setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    /** {@link #worstCaseNanos}, exact (not rounded). */
    public BigDecimal exactWorstCaseTokenNanos(long inputTokens, long maxOutputTokens) {
        double input = Math.max(inputPerMillion,
                Math.max(effectiveCachedReadPerMillion(), effectiveCacheWritePerMillion()));
        double output = Math.max(outputPerMillion, effectiveReasoningPerMillion());
        BigDecimal perMillion = times(nonNegative(inputTokens), input).add(times(nonNegative(maxOutputTokens), output));
        return perMillion.multiply(NANOS_PER_TOKEN_AT_ONE_USD);
    }

    private static long nonNegative(long tokens) {
        return Math.max(0, tokens);
    }

    private static BigDecimal times(long tokens, double pricePerMillion) {
        return BigDecimal.valueOf(tokens).multiply(BigDecimal.valueOf(pricePerMillion));
    }

}
