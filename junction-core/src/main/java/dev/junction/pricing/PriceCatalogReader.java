package dev.junction.pricing;

import dev.junction.json.Json;
import dev.junction.routing.Price;
import dev.junction.routing.UnitPrices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a price catalog document strictly: a typo in a bundled price must fail the build's tests, not bill at zero.
 * Stateless.
 */
final class PriceCatalogReader {

    private static final String RESOURCE = "/dev/junction/pricing/prices.json";
    private static final Set<String> TOP = Set.of("version", "notes", "models");
    private static final Set<String> ENTRY = java.util.stream.Stream.concat(Set.of("input", "output", "cached_read",
            "cache_write", "reasoning", "max_output_tokens").stream(), UnitPricesJson.KEYS.stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private PriceCatalogReader() {}

    static PriceCatalog readBundled() {
        try (InputStream in = PriceCatalogReader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the price catalog " + RESOURCE + " is missing from the classpath");
            }
            return parse(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalStateException listing every problem of the document */
    static PriceCatalog parse(JsonNode root) {
        List<String> problems = new ArrayList<>();
        unknownKeys(root, "", TOP, problems);
        String version = root.path("version").asString("");
        if (version.isBlank()) {
            problems.add("version: required");
        }
        if (!root.path("models").isObject()) {
            problems.add("models: required, a mapping of model names to prices");
        }
        Map<String, PriceCatalog.Listing> listings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> model : root.path("models").properties()) {
            listing(model.getValue(), "models." + model.getKey(), problems)
                    .ifPresent(listing -> listings.put(model.getKey(), listing));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the price catalog is invalid: " + problems);
        }
        return new PriceCatalog(version, listings);
    }

    /** One model's entry, or empty when it has problems (recorded). */
    private static Optional<PriceCatalog.Listing> listing(JsonNode entry, String path, List<String> problems) {
        int before = problems.size();
        unknownKeys(entry, path + ".", ENTRY, problems);
        for (String required : List.of("input", "output")) {
            if (!entry.has(required)) {
                problems.add(path + "." + required + ": required (USD per million tokens)");
            }
        }
        OptionalDouble input = price(entry, "input", path, problems);
        OptionalDouble output = price(entry, "output", path, problems);
        OptionalDouble cachedRead = price(entry, "cached_read", path, problems);
        OptionalDouble cacheWrite = price(entry, "cache_write", path, problems);
        OptionalDouble reasoning = price(entry, "reasoning", path, problems);
        UnitPrices units = UnitPricesJson.read(entry, path, problems::add);
        OptionalLong maxOutput = maxOutputTokens(entry, path, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PriceCatalog.Listing(new Price(input.getAsDouble(), output.getAsDouble(), cachedRead,
                cacheWrite, reasoning, units), maxOutput));
    }

    private static void unknownKeys(JsonNode node, String prefix, Set<String> allowed, List<String> problems) {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                problems.add(prefix + key + ": unknown key");
            }
        }
    }

    private static OptionalDouble price(JsonNode entry, String field, String path, List<String> problems) {
        JsonNode v = entry.get(field);
        if (v == null) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber() || !(v.doubleValue() >= 0) || Double.isInfinite(v.doubleValue())) {
            problems.add(path + "." + field + ": expected a number >= 0, got " + v);
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(v.doubleValue());
    }

    private static OptionalLong maxOutputTokens(JsonNode entry, String path, List<String> problems) {
        JsonNode v = entry.get("max_output_tokens");
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!v.isIntegralNumber() || v.longValue() < 1) {
            problems.add(path + ".max_output_tokens: expected a whole number >= 1, got " + v);
            return OptionalLong.empty();
        }
        return OptionalLong.of(v.longValue());
    }
}
