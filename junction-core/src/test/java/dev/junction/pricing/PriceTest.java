package dev.junction.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.Usage;
import dev.junction.routing.Price;
import dev.junction.routing.UnitPrices;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PriceTest {

    /** Anthropic's shape: cache writes 1.25× input, cache reads 0.1× input. */
    private static final Price SONNET = new Price(3.00, 15.00, OptionalDouble.of(0.30), OptionalDouble.of(3.75),
            OptionalDouble.empty(), UnitPrices.NONE);
    /** OpenAI o-series: reasoning is billed as output. */
    private static final Price O3 = new Price(2.00, 8.00, OptionalDouble.of(0.50), OptionalDouble.empty(),
            OptionalDouble.empty(), UnitPrices.NONE);

    private static Usage usage(long input, long output, long cachedRead, long cacheWrite, long reasoning) {
        return new Usage(input, output, cachedRead, cacheWrite, reasoning);
    }

    @Test
    void plainUsageCostsInputAndOutputAtTheirPrices() {
        // 1000 × $2.50/M = 2_500_000 n$; 500 × $10/M = 5_000_000 n$
        assertThat(new Price(2.50, 10.00).costNanos(usage(1000, 500, 0, 0, 0))).isEqualTo(7_500_000);
    }

    @Test
    void cachedReadTokensCostTheCachedReadPriceAndTheRestOfTheInputTheInputPrice() {
        // 2000 plain × 3000 n$ + 8000 read × 300 n$ + 200 out × 15000 n$
        assertThat(SONNET.costNanos(usage(10_000, 200, 8_000, 0, 0))).isEqualTo(6_000_000 + 2_400_000 + 3_000_000);
    }

    @Test
    void cacheWriteTokensCostTheCacheWritePrice() {
        // 1000 plain × 3000 n$ + 4000 written × 3750 n$
        assertThat(SONNET.costNanos(usage(5_000, 0, 0, 4_000, 0))).isEqualTo(3_000_000 + 15_000_000);
    }

    @Test
    void reasoningTokensCostTheOutputPriceWhenNotPricedApart() {
        // 100 in × 2000 n$ + (200 answer + 800 reasoning) × 8000 n$
        assertThat(O3.costNanos(usage(100, 1_000, 0, 0, 800))).isEqualTo(200_000 + 8_000_000);
    }

    @Test
    void reasoningTokensCostTheReasoningPriceWhenItIsSet() {
        Price dearThinking = new Price(2.00, 8.00, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.of(20.00), UnitPrices.NONE);

        // 100 in × 2000 n$ + 200 answer × 8000 n$ + 800 reasoning × 20000 n$
        assertThat(dearThinking.costNanos(usage(100, 1_000, 0, 0, 800)))
                .isEqualTo(200_000 + 1_600_000 + 16_000_000);
    }

    @Test
    void absentCachePricesCostTheInputPrice() {
        assertThat(new Price(2.00, 8.00).costNanos(usage(1_000, 0, 600, 400, 0))).isEqualTo(2_000_000);
    }

    @Test
    void componentsAreSummedExactlyAndRoundedOnceToTheNearestNanoDollar() {
        Price tiny = new Price(0.0001, 0.0003);

        // 3 × 0.1 n$ + 1 × 0.3 n$ = 0.6 n$: rounding each part first would give 0
        assertThat(tiny.costNanos(usage(3, 1, 0, 0, 0))).isEqualTo(1);
        assertThat(tiny.costNanos(usage(4, 0, 0, 0, 0))).isZero();
    }

    @Test
    void decimalPricesAreTakenAtTheirDecimalValue() {
        // 0.1 and 0.2 have no exact double; 10^9 tokens of each cost exactly $100 and $200
        assertThat(new Price(0.1, 0.2).costNanos(usage(1_000_000_000, 1_000_000_000, 0, 0, 0)))
                .isEqualTo(300_000_000_000L);
    }

    @Test
    void moreCachedTokensThanInputNeverMakeTheRestNegative() {
        assertThat(SONNET.costNanos(usage(10, 0, 20, 0, 0))).isEqualTo(20 * 300);
    }

    @Test
    void worstCaseTakesTheDearestInputAndOutputPrices() {
        // 1000 in × 3750 n$ (cache write) + 100 out × 15000 n$
        assertThat(SONNET.worstCaseNanos(1_000, 100)).isEqualTo(3_750_000 + 1_500_000);
    }

    @Test
    void worstCaseIsAtLeastTheCostOfAnyUsageWithinTheCaps() {
        Random random = new Random(20261101);
        for (int i = 0; i < 5_000; i++) {
            Price price = randomPrice(random);
            long inputCap = random.nextInt(2_000_000);
            long outputCap = random.nextInt(200_000);
            long input = random.nextLong(inputCap + 1);
            long cachedRead = random.nextLong(input + 1);
            long cacheWrite = random.nextLong(input - cachedRead + 1);
            long output = random.nextLong(outputCap + 1);
            long reasoning = random.nextLong(output + 1);
            Usage usage = usage(input, output, cachedRead, cacheWrite, reasoning);

            assertThat(price.worstCaseNanos(inputCap, outputCap)).as("%s with %s", price, usage)
                    .isGreaterThanOrEqualTo(price.costNanos(usage));
        }
    }

    static Price randomPrice(Random random) {
        return new Price(dollars(random), dollars(random), maybe(random), maybe(random), maybe(random),
                UnitPrices.NONE);
    }

    private static OptionalDouble maybe(Random random) {
        return random.nextBoolean() ? OptionalDouble.of(dollars(random)) : OptionalDouble.empty();
    }

    /** A price with up to three decimals, as list prices are written. */
    private static double dollars(Random random) {
        return random.nextInt(100_000) / 1000.0;
    }

    @Test
    void negativeOrNonFinitePricesAreRejected() {
        assertThatThrownBy(() -> new Price(-1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input");
        assertThatThrownBy(() -> new Price(1, 1, OptionalDouble.of(Double.NaN), OptionalDouble.empty(),
                OptionalDouble.empty(), UnitPrices.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cached_read");
    }

    @Test
    void comparisonCostStillCountsInputAndOutputInDollars() {
        assertThat(new Price(2.50, 10.00).cost(1_000_000, 100_000)).isEqualTo(3.50);
    }
}
