package dev.junction.pricing;

import dev.junction.routing.UnitPrices;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one request consumed besides tokens, by unit name ({@link UnitPrices}: {@code image:1024x1024:high},
 * {@code audio_second}, {@code character}, {@code search_unit}, {@code request}). Immutable and thread safe.
 *
 * @param quantities how much of each unit, by name (a {@code double}: seconds of audio need not be whole)
 */
public record UnitUsage(Map<String, Double> quantities) {

    /** Nothing but tokens. */
    public static final UnitUsage NONE = new UnitUsage(Map.of());

    /**
     * Copies the map, sorted by name, leaving out zero quantities.
     *
     * @throws IllegalArgumentException when a name is not a valid unit name or a quantity is negative, infinite or NaN
     */
    public UnitUsage {
        TreeMap<String, Double> copy = new TreeMap<>();
        quantities.forEach((unit, quantity) -> {
            UnitPrices.requireValidName(unit);
            if (quantity == null || !(quantity >= 0) || Double.isInfinite(quantity)) {
                throw new IllegalArgumentException("the quantity of '" + unit + "' must be a finite number >= 0, got "
                        + quantity);
            }
            if (quantity > 0) {
                copy.put(unit, quantity);
            }
        });
        quantities = Collections.unmodifiableMap(copy);
    }

    /** {@code quantity} of one unit. */
    public static UnitUsage of(String unit, double quantity) {
        return new UnitUsage(Map.of(unit, quantity));
    }

    /** Whether nothing but tokens was used. */
    public boolean isEmpty() {
        return quantities.isEmpty();
    }

    /** This usage and {@code other}'s, added unit by unit. */
    public UnitUsage plus(UnitUsage other) {
        if (other.isEmpty()) {
            return this;
        }
        TreeMap<String, Double> sum = new TreeMap<>(quantities);
        other.quantities.forEach((unit, quantity) -> sum.merge(unit, quantity, Double::sum));
        return new UnitUsage(sum);
    }

    /** The quantity of exactly this unit name; zero when none was used. */
    public double quantity(String unit) {
        return quantities.getOrDefault(unit, 0.0);
    }
}
