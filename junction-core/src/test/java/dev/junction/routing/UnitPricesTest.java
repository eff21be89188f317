package dev.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitPricesTest {

    private static final UnitPrices DALL_E_3 = new UnitPrices(Map.of("image", 0.04, "image:1024x1792", 0.08,
            "image:1024x1024:hd", 0.08, "image:1024x1792:hd", 0.12));

    @Test
    void theMostSpecificPricedNameWins() {
        assertThat(DALL_E_3.find("image:1024x1792:hd")).contains(0.12);
        assertThat(DALL_E_3.find("image:1024x1024:hd")).contains(0.08);
    }

    @Test
    void aQualifierWithoutItsOwnPriceFallsBackToTheMoreGeneralName() {
        assertThat(DALL_E_3.find("image:1024x1792:standard")).contains(0.08);
        assertThat(DALL_E_3.find("image:512x512:standard")).contains(0.04);
        assertThat(DALL_E_3.find("image")).contains(0.04);
    }

    @Test
    void anUnpricedUnitHasNoPriceAndCostsNothing() {
        assertThat(DALL_E_3.find("search_unit")).isEmpty();
        assertThat(DALL_E_3.exactNanos("search_unit", 3)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void exactNanosMultipliesTheDecimalForms() {
        // 3 × 0.04 $ is 0.12 $ exactly, where doubles would give 0.12000000000000001
        assertThat(DALL_E_3.exactNanos("image:256x256", 3)).isEqualByComparingTo("120000000");
        assertThat(UnitPrices.of("character", 0.000015).exactNanos("character", 7)).isEqualByComparingTo("105000");
    }

    @Test
    void namesWithEmptyQualifiersAndNegativePricesAreRefused() {
        assertThatThrownBy(() -> UnitPrices.of("image::hd", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitPrices.of("image:", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitPrices.of("image", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image");
        assertThatThrownBy(() -> UnitPrices.of("image", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
