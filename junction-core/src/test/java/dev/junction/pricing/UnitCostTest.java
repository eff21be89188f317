package dev.junction.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.model.Usage;
import dev.junction.provider.ParamRules;
import dev.junction.routing.Deployment;
import dev.junction.routing.Price;
import dev.junction.routing.UnitPrices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitCostTest {

    private static final Price DALL_E_3 = new Price(0, 0).withUnits(new UnitPrices(Map.of("image", 0.04,
            "image:1024x1024:hd", 0.08)));
    private static final Price RERANK = new Price(0, 0).withUnits(UnitPrices.of("search_unit", 0.002));
    private static final CostCalculator CALCULATOR = new CostCalculator(PriceCatalog.of("test",
            Map.of("dall-e-3", DALL_E_3, "rerank-v3.5", RERANK)));

    private static Costs costs(String publicModel, Optional<Price> deploymentPrice, Usage usage, UnitUsage units,
                               double markup) {
        return CALCULATOR.costs(new CostInputs(publicModel, "openai/dall-e-3", deploymentPrice, usage, units,
                markup));
    }

    @Test
    void imagesArePricedAtTheirSizeAndQualityOnEveryLayer() {
        Costs costs = costs("dall-e-3", Optional.empty(), Usage.ZERO, UnitUsage.of("image:1024x1024:hd", 2), 0.5);

        assertThat(costs).isEqualTo(new Costs(160_000_000, 160_000_000, 240_000_000));
    }

    @Test
    void unitsAndTokensAddUpBeforeRoundingOnce() {
        // 1 token at 0.15 $/M is 150 n$; 3 search units at 0.0000001 $ are 0.3 n$ each: 150.9 n$, rounded once to 151
        Price price = new Price(0.15, 0).withUnits(UnitPrices.of("search_unit", 0.0000000003));
        Costs costs = costs("custom", Optional.of(price), new Usage(1, 0, 0, 0, 0), UnitUsage.of("search_unit", 3),
                0);

        assertThat(costs.meteredNanos()).isEqualTo(151);
    }

    @Test
    void aDeploymentPriceMetersUnitsAndTheListPriceStandardisesThem() {
        Price negotiated = new Price(0, 0).withUnits(UnitPrices.of("image", 0.03));
        Costs costs = costs("dall-e-3", Optional.of(negotiated), Usage.ZERO, UnitUsage.of("image:1024x1024:standard",
                1), 0);

        assertThat(costs).isEqualTo(new Costs(30_000_000, 40_000_000, 40_000_000));
    }

    @Test
    void theWorstCaseReservesEveryImageAtItsPrice() {
        Deployment d = Deployment.of("openai", "dall-e-3", ParamRules.NONE);
        long worst = CALCULATOR.worstCaseChargedNanos("image-default", List.of(d), 0, 0,
                UnitUsage.of("image:1024x1024:hd", 4), 0);

        assertThat(worst).isEqualTo(320_000_000);
    }

    @Test
    void theWorstCaseIsNeverBelowTheCostOfTheSameUsage() {
        java.util.Random random = new java.util.Random(15);
        for (int i = 0; i < 500; i++) {
            Price price = new Price(random.nextInt(1000) / 100.0, random.nextInt(1000) / 100.0)
                    .withUnits(UnitPrices.of("image", random.nextInt(10_000) / 10_000.0));
            UnitUsage units = UnitUsage.of("image:1024x1024", random.nextInt(10));
            CostCalculator calculator = new CostCalculator(PriceCatalog.of("t", Map.of("m", price)));
            long in = random.nextInt(100_000);
            long out = random.nextInt(10_000);
            long worst = calculator.worstCaseChargedNanos("m", List.of(), in, out, units, 0);
            Costs real = calculator.costs(new CostInputs("m", "m", Optional.empty(), new Usage(in, out, 0, 0, 0),
                    units, 0));
            assertThat(worst).isGreaterThanOrEqualTo(real.chargedNanos());
        }
    }

    @Test
    void unitUsageAddsUnitByUnitAndDropsZeros() {
        UnitUsage sum = UnitUsage.of("image:1024x1024", 1).plus(new UnitUsage(Map.of("image:1024x1024", 2.0,
                "request", 0.0)));

        assertThat(sum.quantities()).isEqualTo(Map.of("image:1024x1024", 3.0));
    }

    @Test
    void shorthandsAndUnitsAreReadAsOneSetOfUnitPrices() {
        var node = Json.MAPPER.readTree("""
                {"per_image": 0.04, "per_second": 0.0001, "per_million_characters": 15,
                 "units": {"image:1024x1024:hd": 0.08, "search_unit": 0.002}}""");
        List<String> problems = new ArrayList<>();

        UnitPrices prices = UnitPricesJson.read(node, "p", problems::add);

        assertThat(problems).isEmpty();
        assertThat(prices.perUnit()).isEqualTo(Map.of("image", 0.04, "audio_second", 0.0001, "character", 0.000015,
                "image:1024x1024:hd", 0.08, "search_unit", 0.002));
    }

    @Test
    void aUnitPricedTwiceOrBadlyNamedIsAProblem() {
        var node = Json.MAPPER.readTree("""
                {"per_image": 0.04, "units": {"image": 0.05, "bad::name": 1, "request": -1}}""");
        List<String> problems = new ArrayList<>();

        UnitPricesJson.read(node, "p", problems::add);

        assertThat(problems).hasSize(3).anyMatch(p -> p.startsWith("p.per_image"))
                .anyMatch(p -> p.startsWith("p.units.bad::name")).anyMatch(p -> p.startsWith("p.units.request"));
    }

    @Test
    void theBundledCatalogPricesWhisperBySecond() {
        assertThat(PriceCatalog.bundled().find("whisper-1").map(Price::units).flatMap(u -> u.find("audio_second")))
                .contains(0.0001);
    }
}
