package dev.junction.routing;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * US dollars per unit of what a non-token operation consumes, by unit name. Immutable and thread safe.
 *
 * <p>A unit name is a base unit optionally qualified by {@code :}-separated qualifiers, most general first:
 * {@code image:1024x1024:high} is a high-quality 1024×1024 image. {@link #find} looks a unit up most specific first
 * ({@code image:1024x1024:high}, then {@code image:1024x1024}, then {@code image}), so a catalog may price only the
 * base unit, or each size and quality. The base units are {@value #IMAGE} (a generated image), {@value #AUDIO_SECOND}
 * (a second of audio in), {@value #AUDIO_TOKEN} (an audio input token priced apart), {@value #CHARACTER} (a
 * character of text in; configured per million characters),
 * {@value #SEARCH_UNIT} (a rerank search unit) and {@value #REQUEST} (a flat price per call); other names are
 * accepted and priced the same way.
 *
 * @param perUnit US dollars per unit, by unit name
 */
public record UnitPrices(Map<String, Double> perUnit) {

    /** A generated image, qualified by size and quality: {@code image:1024x1024:hd}. */
    public static final String IMAGE = "image";
    /** A second of audio sent in (a transcription). */
    public static final String AUDIO_SECOND = "audio_second";
    /**
     * An audio input token billed at its own price (Gemini's audio understanding: 32 tokens a second of audio, dearer
     * than its text tokens); priced per token.
     */
    public static final String AUDIO_TOKEN = "audio_token";
    /** A character of text sent in (speech). */
    public static final String CHARACTER = "character";
    /** A rerank search unit (Cohere: one query over up to 100 documents). */
    public static final String SEARCH_UNIT = "search_unit";
    /** One call, whatever it carried. */
    public static final String REQUEST = "request";

    private static final BigDecimal NANOS_PER_USD = BigDecimal.valueOf(1_000_000_000L);

    /** Nothing priced per unit. */
    public static final UnitPrices NONE = new UnitPrices(Map.of());

    /**
     * Copies the map, sorted by name.
     *
     * @throws IllegalArgumentException when a name is blank or has an empty qualifier, or a price is negative,
     *     infinite or NaN
     */
    public UnitPrices {
        TreeMap<String, Double> copy = new TreeMap<>();
        perUnit.forEach((unit, price) -> {
            requireValidName(unit);
            if (price == null || !(price >= 0) || Double.isInfinite(price)) {
                throw new IllegalArgumentException("the price of '" + unit + "' must be a finite number >= 0, got "
                        + price);
            }
            copy.put(unit, price);
        });
        perUnit = java.util.Collections.unmodifiableMap(copy);
    }

    /** Prices of one unit. */
    public static UnitPrices of(String unit, double price) {
        return new UnitPrices(Map.of(unit, price));
    }

    /** @throws IllegalArgumentException when the name is blank, has blank qualifiers or white space */
    public static void requireValidName(String unit) {
        if (unit == null || unit.isBlank() || unit.startsWith(":") || unit.endsWith(":") || unit.contains("::")
                || unit.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a unit name is a base name with optional ':' qualifiers, like "
                    + "'image:1024x1024:high'; got '" + unit + "'");
        }
    }

    /** Whether nothing is priced. */
    public boolean isEmpty() {
        return perUnit.isEmpty();
    }

    /** These prices with {@code unit} at {@code price} (replacing its price, if it had one). */
    public UnitPrices with(String unit, double price) {
        TreeMap<String, Double> copy = new TreeMap<>(perUnit);
        copy.put(unit, price);
        return new UnitPrices(copy);
    }

    /** The price of exactly this unit name, without falling back to a more general one. */
    public Optional<Double> exact(String unit) {
        return Optional.ofNullable(perUnit.get(unit));
    }

    /** The price of the unit, most specific first: the name, then the name without its last qualifier, and so on. */
    public Optional<Double> find(String unit) {
        String name = unit;
        while (true) {
            Double price = perUnit.get(name);
            if (price != null) {
                return Optional.of(price);
            }
            int colon = name.lastIndexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            name = name.substring(0, colon);
        }
    }

    /**
     * {@code quantity} of the unit in nano-dollars, exact (not rounded): the price's and the quantity's shortest
     * decimal forms multiplied. Zero when the unit has no price (an unpriced unit costs nothing we know of).
     */
    public BigDecimal exactNanos(String unit, double quantity) {
        return find(unit).map(price -> BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(quantity))
                .multiply(NANOS_PER_USD)).orElse(BigDecimal.ZERO);
    }
}
