package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.entity.PriceOverride;
import dev.junction.routing.UnitPrices;
import java.util.OptionalDouble;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDatabases.class)
class PriceOverrideRepositoryTest {

    @AllDialects
    void aPriceReadsBackWithItsOptionalParts(SqlDialect dialect) {
        PriceOverrideRepository prices = Fixtures.store(dialect).priceOverrides();
        PriceOverride price = new PriceOverride(Fixtures.unique("gpt"), 2.5, 10, OptionalDouble.of(1.25),
                OptionalDouble.empty(), OptionalDouble.of(12.5), new UnitPrices(java.util.Map.of("audio_second", 0.006,
                "image:1024x1024:hd", 0.08)));

        prices.put(price);

        assertThat(prices.get(price.model())).contains(price);
        assertThat(prices.list()).contains(price);
    }

    @AllDialects
    void puttingAPriceAgainReplacesIt(SqlDialect dialect) {
        PriceOverrideRepository prices = Fixtures.store(dialect).priceOverrides();
        String model = Fixtures.unique("claude");
        prices.put(new PriceOverride(model, 3, 15, OptionalDouble.of(0.3), OptionalDouble.of(3.75),
                OptionalDouble.empty(), UnitPrices.NONE));
        PriceOverride cheaper = new PriceOverride(model, 1, 5, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), UnitPrices.of("image", 0.04));

        prices.put(cheaper);

        assertThat(prices.get(model)).contains(cheaper);
    }

    @AllDialects
    void aDeletedPriceIsGone(SqlDialect dialect) {
        PriceOverrideRepository prices = Fixtures.store(dialect).priceOverrides();
        String model = Fixtures.unique("gemini");
        prices.put(new PriceOverride(model, 1, 2, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), UnitPrices.NONE));

        assertThat(prices.delete(model)).isTrue();
        assertThat(prices.get(model)).isEmpty();
        assertThat(prices.delete(model)).isFalse();
    }
}
