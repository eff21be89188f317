package dev.junction.pricing;

import dev.junction.routing.Price;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * List prices of models by name: the bundled, versioned catalog ({@code dev/junction/pricing/prices.json}), possibly
 * with operator overrides. Immutable and thread safe.
 *
 * <p>{@link #find} accepts the names clients and providers actually use. It tries, in order, and takes the first
 * listed name: the name as given; without each {@code provider/} prefix ({@code openai/gpt-4o}, {@code
 * groq/openai/gpt-oss-120b}); then each of those without a snapshot suffix ({@code -2024-08-06}, {@code -20250514},
 * {@code -latest}); then all of these again ignoring case. A snapshot priced differently from its model is listed
 * under its full name, which the first step finds.
 */
public final class PriceCatalog {

    private static final Pattern SNAPSHOT = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8}|latest)$",
            Pattern.CASE_INSENSITIVE);

    /** A price and what the catalog knows beside it. */
    record Listing(Price price, OptionalLong maxOutputTokens) {}

    private final String version;
    private final Map<String, Listing> listings;
    private final Map<String, String> byLowerCase;
    private final Map<String, Optional<Listing>> remembered = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int REMEMBERED_NAMES = 4096;

    PriceCatalog(String version, Map<String, Listing> listings) {
        this.version = version;
        this.listings = Collections.unmodifiableMap(new LinkedHashMap<>(listings));
        Map<String, String> lower = new HashMap<>();
        this.listings.keySet().forEach(name -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), name));
        this.byLowerCase = Map.copyOf(lower);
    }

    /** The catalog shipped in the jar, parsed on first use and shared. */
    public static PriceCatalog bundled() {
        return Bundled.CATALOG;
    }

    /** Lazy holder: the class initialiser runs once, under the JVM's class-initialisation lock. */
    private static final class Bundled {
        static final PriceCatalog CATALOG = PriceCatalogReader.readBundled();
    }

    /** A catalog of these prices (no maximum output tokens known), e.g. for tests or a configuration of its own. */
    public static PriceCatalog of(String version, Map<String, Price> prices) {
        Map<String, Listing> listings = new LinkedHashMap<>();
        prices.forEach((name, price) -> listings.put(name, new Listing(price, OptionalLong.empty())));
        return new PriceCatalog(version, listings);
    }

    /** The catalog's version, the date its prices were checked ({@code 2026-11-01}). */
    public String version() {
        return version;
    }

    /** Every listed model name, as listed. */
    public Set<String> models() {
        return listings.keySet();
    }

    /** The list price of this model, found as the class documentation describes. */
    public Optional<Price> find(String model) {
        return listing(model).map(Listing::price);
    }

    /** The most output tokens this model produces in one response, when the catalog knows it. */
    public OptionalLong maxOutputTokens(String model) {
        return listing(model).map(Listing::maxOutputTokens).orElse(OptionalLong.empty());
    }

    /**
     * This catalog with these prices in place of listed ones. An override replaces the entry listed under exactly its
     * name (compared ignoring case), keeping what else the catalog knows of it (maximum output tokens); any other name
     * is added. Overrides are found by the same lookup as listed names, so an override of {@code gpt-4o} also prices
     * {@code openai/gpt-4o-2024-08-06}, but not a snapshot listed under its own name.
     */
    public PriceCatalog withOverrides(Map<String, Price> overrides) {
        Map<String, Listing> merged = new LinkedHashMap<>(listings);
        overrides.forEach((name, price) -> {
            String listed = byLowerCase.get(name.toLowerCase(Locale.ROOT));
            OptionalLong maxOutput = OptionalLong.empty();
            if (listed != null) {
                maxOutput = merged.remove(listed).maxOutputTokens();
            }
            merged.put(name, new Listing(price, maxOutput));
        });
        return new PriceCatalog(version, merged);
    }

    /**
     * Every request looks up its models, almost always the same few names: an exact name is one map read, and the
     * outcome of a normalised lookup is remembered (for a bounded number of names, so that clients sending random
     * names cannot grow it).
     */
    private Optional<Listing> listing(String model) {
        Listing exact = listings.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        Optional<Listing> known = remembered.get(model);
        if (known != null) {
            return known;
        }
        Optional<Listing> found = lookup(model);
        if (remembered.size() < REMEMBERED_NAMES) {
            remembered.put(model, found);
        }
        return found;
    }

    private Optional<Listing> lookup(String model) {
        List<String> candidates = candidates(model);
        for (String candidate : candidates) {
            Listing exact = listings.get(candidate);
            if (exact != null) {
                return Optional.of(exact);
            }
        }
        for (String candidate : candidates) {
            String listed = byLowerCase.get(candidate.toLowerCase(Locale.ROOT));
            if (listed != null) {
                return Optional.of(listings.get(listed));
            }
        }
        return Optional.empty();
    }

    /** The name, then without each prefix up to a slash, then each of those without a snapshot suffix. */
    private static List<String> candidates(String model) {
        List<String> names = new ArrayList<>();
        names.add(model);
        for (int slash = model.indexOf('/'); slash >= 0 && slash < model.length() - 1;
                slash = model.indexOf('/', slash + 1)) {
            names.add(model.substring(slash + 1));
        }
        List<String> all = new ArrayList<>(names);
        for (String name : names) {
            String bare = SNAPSHOT.matcher(name).replaceFirst("");
            if (!bare.isEmpty() && !bare.equals(name)) {
                all.add(bare);
            }
        }
        return all;
    }
}
