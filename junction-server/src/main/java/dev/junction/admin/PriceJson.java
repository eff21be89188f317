package dev.junction.admin;

import dev.junction.entity.PriceOverride;
import dev.junction.json.Json;
import dev.junction.pricing.UnitPricesJson;
import dev.junction.routing.Price;
import dev.junction.routing.UnitPrices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Price overrides in the admin API's JSON, both ways: US dollars per million tokens, and per unit ({@code units},
 * with the shorthands {@code per_image}, {@code per_second} and {@code per_million_characters}; see
 * {@link UnitPricesJson}). Rendered prices show {@code units} and, for older clients, {@code per_image} and
 * {@code per_second} (the unqualified {@code image} and {@code audio_second} prices, or {@code null}).
 */
final class PriceJson {

    /** The fields a price may send. */
    static final Set<String> FIELDS = Fields.names(UnitPricesJson.KEYS, "input", "output", "cached_read",
            "cache_write", "reasoning");

    /** The largest price accepted, far beyond any real one; it keeps costs inside the ledger's range. */
    private static final double MAX = 1e6;

    private PriceJson() {}

    /** A price override as the API shows it; absent optional prices are {@code null}. */
    static ObjectNode render(PriceOverride p) {
        return render(p.model(), p.toPrice());
    }

    /** A price of the catalog or the configuration, in the same form. */
    static ObjectNode render(String model, Price p) {
        ObjectNode node = Json.object().put("model", model).put("input", p.inputPerMillion())
                .put("output", p.outputPerMillion());
        optional(node, "cached_read", p.cachedReadPerMillion());
        optional(node, "cache_write", p.cacheWritePerMillion());
        optional(node, "reasoning", p.reasoningPerMillion());
        optional(node, "per_image", exact(p.units(), UnitPrices.IMAGE));
        optional(node, "per_second", exact(p.units(), UnitPrices.AUDIO_SECOND));
        return UnitPricesJson.write(node, p.units());
    }

    private static OptionalDouble exact(UnitPrices units, String unit) {
        Optional<Double> price = units.exact(unit);
        return price.isPresent() ? OptionalDouble.of(price.get()) : OptionalDouble.empty();
    }

    /** The price a body sets for a model: input and output are required. */
    static PriceOverride read(String model, Fields f) {
        double input = f.number("input", 0, MAX).orElseThrow(() -> AdminError.invalid("'input' is required."));
        double output = f.number("output", 0, MAX).orElseThrow(() -> AdminError.invalid("'output' is required."));
        List<String> problems = new ArrayList<>();
        UnitPrices units = UnitPricesJson.read(f.node(), "price", problems::add);
        if (!problems.isEmpty()) {
            throw AdminError.invalid(String.join("; ", problems) + ".");
        }
        return new PriceOverride(model, input, output, f.number("cached_read", 0, MAX),
                f.number("cache_write", 0, MAX), f.number("reasoning", 0, MAX), units);
    }

    private static ObjectNode optional(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        } else {
            node.putNull(field);
        }
        return node;
    }
}
