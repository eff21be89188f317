package dev.junction.admin;

import dev.junction.entity.PriceOverride;
import dev.junction.json.Json;
import java.util.OptionalDouble;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Price overrides in the admin API's JSON, both ways: US dollars per million tokens, per image, per second. */
final class PriceJson {

    /** The fields a price may send. */
    static final Set<String> FIELDS = Set.of("input", "output", "cached_read", "cache_write", "reasoning",
            "per_image", "per_second");

    /** The largest price accepted, far beyond any real one; it keeps costs inside the ledger's range. */
    private static final double MAX = 1e6;

    private PriceJson() {}

    /** A price override as the API shows it; absent optional prices are {@code null}. */
    static ObjectNode render(PriceOverride p) {
        ObjectNode node = Json.object().put("model", p.model()).put("input", p.inputPerMillion())
                .put("output", p.outputPerMillion());
        optional(node, "cached_read", p.cachedReadPerMillion());
        optional(node, "cache_write", p.cacheWritePerMillion());
        optional(node, "reasoning", p.reasoningPerMillion());
        optional(node, "per_image", p.perImage());
        return optional(node, "per_second", p.perSecond());
    }

    /** A price of the catalog or the configuration, in the same form. */
    static ObjectNode render(String model, dev.junction.routing.Price p) {
        ObjectNode node = Json.object().put("model", model).put("input", p.inputPerMillion())
                .put("output", p.outputPerMillion());
        optional(node, "cached_read", p.cachedReadPerMillion());
        optional(node, "cache_write", p.cacheWritePerMillion());
        optional(node, "reasoning", p.reasoningPerMillion());
        optional(node, "per_image", p.perImage());
        return optional(node, "per_second", p.perSecond());
    }

    /** The price a body sets for a model: input and output are required. */
    static PriceOverride read(String model, Fields f) {
        double input = f.number("input", 0, MAX).orElseThrow(() -> AdminError.invalid("'input' is required."));
        double output = f.number("output", 0, MAX).orElseThrow(() -> AdminError.invalid("'output' is required."));
        return new PriceOverride(model, input, output, f.number("cached_read", 0, MAX),
                f.number("cache_write", 0, MAX), f.number("reasoning", 0, MAX), f.number("per_image", 0, MAX),
                f.number("per_second", 0, MAX));
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
