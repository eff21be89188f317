package dev.junction.pricing;

import dev.junction.routing.UnitPrices;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The unit prices of a price entry in JSON or YAML, as the bundled catalog, a deployment's {@code price:} and the
 * admin API's prices all write them: {@code units: {"image:1024x1024:high": 0.167, "search_unit": 0.002}} (US dollars
 * per unit), and the shorthands {@code per_image} ({@code image}), {@code per_second} ({@code audio_second}) and
 * {@code per_million_characters} ({@code character}, stored per character). A shorthand and the same unit under
 * {@code units} may not both be given. Stateless.
 */
public final class UnitPricesJson {

    /** The keys of a price entry this class reads. */
    public static final Set<String> KEYS = Set.of("units", "per_image", "per_second", "per_million_characters");

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private UnitPricesJson() {}

    /**
     * The unit prices of {@code entry} (a price mapping at {@code path}); problems go to {@code problems}, and the
     * entries with problems are left out.
     */
    public static UnitPrices read(JsonNode entry, String path, Consumer<String> problems) {
        Map<String, Double> prices = new TreeMap<>();
        JsonNode units = entry.get("units");
        if (units != null && !units.isNull()) {
            if (!units.isObject()) {
                problems.accept(path + ".units: expected a mapping of unit names to US dollars per unit");
            } else {
                for (Map.Entry<String, JsonNode> unit : units.properties()) {
                    String where = path + ".units." + unit.getKey();
                    try {
                        UnitPrices.requireValidName(unit.getKey());
                    } catch (IllegalArgumentException e) {
                        problems.accept(where + ": " + e.getMessage());
                        continue;
                    }
                    number(unit.getValue(), where, problems).ifPresent(p -> prices.put(unit.getKey(), p));
                }
            }
        }
        shorthand(entry, "per_image", UnitPrices.IMAGE, path, prices, problems, false);
        shorthand(entry, "per_second", UnitPrices.AUDIO_SECOND, path, prices, problems, false);
        shorthand(entry, "per_million_characters", UnitPrices.CHARACTER, path, prices, problems, true);
        return new UnitPrices(prices);
    }

    private static void shorthand(JsonNode entry, String key, String unit, String path, Map<String, Double> prices,
                                  Consumer<String> problems, boolean perMillion) {
        JsonNode v = entry.get(key);
        if (v == null || v.isNull()) {
            return;
        }
        number(v, path + "." + key, problems).ifPresent(price -> {
            if (prices.containsKey(unit)) {
                problems.accept(path + "." + key + ": '" + unit + "' is also priced under 'units'; give one");
                return;
            }
            prices.put(unit, perMillion ? perUnit(price) : price);
        });
    }

    /** Dollars per million as dollars per one, through the decimal form (15 per million is exactly 0.000015). */
    private static double perUnit(double perMillion) {
        return BigDecimal.valueOf(perMillion).divide(MILLION, MathContext.DECIMAL64).doubleValue();
    }

    private static java.util.Optional<Double> number(JsonNode v, String where, Consumer<String> problems) {
        if (!v.isNumber() || !(v.doubleValue() >= 0) || Double.isInfinite(v.doubleValue())
                || v.doubleValue() > 1_000_000) {
            problems.accept(where + ": expected US dollars, a number from 0 to 1000000, got " + v);
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(v.doubleValue());
    }

    /** Writes the prices as {@code units} on {@code node} (an empty mapping when there are none). */
    public static ObjectNode write(ObjectNode node, UnitPrices prices) {
        ObjectNode units = node.putObject("units");
        prices.perUnit().forEach(units::put);
        return node;
    }
}
