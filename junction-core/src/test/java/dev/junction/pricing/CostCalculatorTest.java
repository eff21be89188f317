package dev.junction.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.Usage;
import dev.junction.provider.ParamRules;
import dev.junction.routing.Deployment;
import dev.junction.routing.Price;
import dev.junction.routing.UnitPrices;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {

    private static final Price GPT_4O = new Price(2.50, 10.00, OptionalDouble.of(1.25), OptionalDouble.empty(),
            OptionalDouble.empty(), UnitPrices.NONE);
    private static final Price SONNET = new Price(3.00, 15.00, OptionalDouble.of(0.30), OptionalDouble.of(3.75),
            OptionalDouble.empty(), UnitPrices.NONE);
    private static final CostCalculator CALCULATOR = new CostCalculator(
            PriceCatalog.of("test", Map.of("gpt-4o", GPT_4O, "claude-sonnet-4-5", SONNET)));

    /** 1000 in, 500 out: 7_500_000 n$ at gpt-4o's list price, 10_500_000 n$ at Sonnet's. */
    private static final Usage USAGE = new Usage(1_000, 500, 0, 0, 0);

    private static Costs costs(String publicModel, String upstreamModel, Optional<Price> deploymentPrice,
                               double markup) {
        return CALCULATOR.costs(new CostInputs(publicModel, upstreamModel, deploymentPrice, USAGE, markup));
    }

    private static Deployment deployment(String provider, String model, Optional<Price> price) {
        Deployment d = Deployment.of(provider, model, ParamRules.NONE);
        return new Deployment(d.id(), provider, model, 1, d.tags(), d.capabilities(), d.rpm(), d.tpm(), price,
                d.params(), d.timeouts());
    }

    @Test
    void meteredIsAtTheDeploymentsPriceAndStandardAtThePublicModelsListPrice() {
        // metered: 1000 × 2000 n$ + 500 × 8000 n$
        assertThat(costs("gpt-4o", "azure/gpt-4o", Optional.of(new Price(2.00, 8.00)), 0))
                .isEqualTo(new Costs(6_000_000, 7_500_000, 7_500_000));
    }

    @Test
    void unpricedDeploymentIsMeteredAtTheCatalogPriceOfItsUpstreamModel() {
        assertThat(costs("gpt-4o", "openai/gpt-4o-2024-08-06", Optional.empty(), 0).meteredNanos())
                .isEqualTo(7_500_000);
    }

    @Test
    void customRouteNameWithoutAListPriceTakesTheMeteredCostAsStandard() {
        assertThat(costs("general", "anthropic/claude-sonnet-4-5", Optional.empty(), 0))
                .isEqualTo(new Costs(10_500_000, 10_500_000, 10_500_000));
    }

    @Test
    void deploymentPricedNowhereCostsNothing() {
        assertThat(costs("local-chat", "ollama/llama3.2", Optional.empty(), 0.2)).isEqualTo(Costs.ZERO);
    }

    @Test
    void publicModelIsStandardEvenWhenADifferentModelServedIt() {
        assertThat(costs("gpt-4o", "claude-sonnet-4-5", Optional.empty(), 0))
                .isEqualTo(new Costs(10_500_000, 7_500_000, 7_500_000));
    }

    @Test
    void markupOfTwentyPercentChargesAFifthMoreThanStandard() {
        assertThat(costs("gpt-4o", "gpt-4o", Optional.empty(), 0.2).chargedNanos()).isEqualTo(9_000_000);
    }

    @Test
    void discountOfTenPercentChargesNineTenthsOfStandard() {
        assertThat(costs("gpt-4o", "gpt-4o", Optional.empty(), -0.1).chargedNanos()).isEqualTo(6_750_000);
    }

    @Test
    void markupOfMinusOneIsFreeAndABiggerDiscountIsNeverNegative() {
        assertThat(costs("gpt-4o", "gpt-4o", Optional.empty(), -1.0).chargedNanos()).isZero();
        assertThat(costs("gpt-4o", "gpt-4o", Optional.empty(), -2.5).chargedNanos()).isZero();
    }

    @Test
    void chargedRoundsHalfUpToANanoDollar() {
        assertThat(CostCalculator.charged(5, 0.1)).isEqualTo(6);
        assertThat(CostCalculator.charged(5, -0.1)).isEqualTo(5); // 4.5 rounds up
    }

    @Test
    void nonFiniteMarkupIsRejected() {
        assertThatThrownBy(() -> costs("gpt-4o", "gpt-4o", Optional.empty(), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void worstCaseOfAListedPublicModelIsAtItsListPrice() {
        List<Deployment> candidates = List.of(deployment("anthropic", "claude-sonnet-4-5", Optional.empty()));

        // 1000 × 2500 n$ + 500 × 10000 n$, plus 20 %
        assertThat(CALCULATOR.worstCaseChargedNanos("gpt-4o", candidates, 1_000, 500, 0.2)).isEqualTo(9_000_000);
    }

    @Test
    void worstCaseOfACustomRouteIsItsDearestCandidate() {
        List<Deployment> candidates = List.of(deployment("cheap", "x", Optional.of(new Price(1, 1))),
                deployment("anthropic", "claude-sonnet-4-5", Optional.empty()),
                deployment("ollama", "llama3.2", Optional.empty()));

        // Sonnet from the catalog: 1000 × 3750 n$ (cache write) + 500 × 15000 n$
        assertThat(CALCULATOR.worstCaseChargedNanos("general", candidates, 1_000, 500, 0)).isEqualTo(11_250_000);
    }

    @Test
    void worstCaseWithNothingPricedIsZero() {
        List<Deployment> candidates = List.of(deployment("ollama", "llama3.2", Optional.empty()));

        assertThat(CALCULATOR.worstCaseChargedNanos("general", candidates, 1_000, 500, 0.5)).isZero();
    }

    @Test
    void worstCaseIsAtLeastWhatAnyCandidateIsChargedWithinTheCaps() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            List<Deployment> candidates = List.of(
                    deployment("a", "claude-sonnet-4-5", random.nextBoolean()
                            ? Optional.of(PriceTest.randomPrice(random)) : Optional.empty()),
                    deployment("b", "unlisted", Optional.of(PriceTest.randomPrice(random))),
                    deployment("c", "gpt-4o", Optional.empty()));
            String publicModel = random.nextBoolean() ? "gpt-4o" : "general";
            double markup = random.nextInt(300) / 100.0 - 1.0;
            long inputCap = random.nextInt(500_000);
            long outputCap = random.nextInt(50_000);
            long input = random.nextLong(inputCap + 1);
            long cachedRead = random.nextLong(input + 1);
            long cacheWrite = random.nextLong(input - cachedRead + 1);
            long output = random.nextLong(outputCap + 1);
            Usage usage = new Usage(input, output, cachedRead, cacheWrite, random.nextLong(output + 1));
            Deployment served = candidates.get(random.nextInt(candidates.size()));

            long charged = CALCULATOR.costs(new CostInputs(publicModel, served.model(), served.price(), usage,
                    markup)).chargedNanos();
            assertThat(CALCULATOR.worstCaseChargedNanos(publicModel, candidates, inputCap, outputCap, markup))
                    .as("%s via %s with %s", publicModel, served, usage).isGreaterThanOrEqualTo(charged);
        }
    }
}
