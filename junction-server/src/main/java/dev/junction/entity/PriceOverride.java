package dev.junction.entity;

import dev.junction.routing.Price;
import dev.junction.routing.UnitPrices;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A price set by the operator for one public model, replacing the catalog's list price. USD. Immutable.
 *
 * @param model the public model it prices
 * @param inputPerMillion per million input tokens
 * @param outputPerMillion per million output tokens
 * @param cachedReadPerMillion per million cached input tokens read, when priced apart
 * @param cacheWritePerMillion per million input tokens written to the cache, when priced apart
 * @param reasoningPerMillion per million reasoning tokens, when priced apart from output
 * @param units per unit of non-token usage (per image, second of audio, character, search unit, call)
 */
public record PriceOverride(String model, double inputPerMillion, double outputPerMillion,
                            OptionalDouble cachedReadPerMillion, OptionalDouble cacheWritePerMillion,
                            OptionalDouble reasoningPerMillion, UnitPrices units) {

    /** Checks that nothing is missing. */
    public PriceOverride {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(cachedReadPerMillion, "cachedReadPerMillion");
        Objects.requireNonNull(cacheWritePerMillion, "cacheWritePerMillion");
        Objects.requireNonNull(reasoningPerMillion, "reasoningPerMillion");
        Objects.requireNonNull(units, "units");
    }

    /** The override as a price. */
    public Price toPrice() {
        return new Price(inputPerMillion, outputPerMillion, cachedReadPerMillion, cacheWritePerMillion,
                reasoningPerMillion, units);
    }

    /** The override of a model with this price. */
    public static PriceOverride of(String model, Price p) {
        return new PriceOverride(model, p.inputPerMillion(), p.outputPerMillion(), p.cachedReadPerMillion(),
                p.cacheWritePerMillion(), p.reasoningPerMillion(), p.units());
    }
}
