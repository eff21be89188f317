package dev.junction.config;

import dev.junction.provider.Timeouts;
import dev.junction.routing.RouteGroup;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which layer each provider and route of a {@link GatewayConfig} came from, and what stored definitions are read
 * against: the file's default timeouts and shared groups. Lets a configuration that already holds stored entries be
 * merged again ({@link StoredConfigMerger}) and lets the admin API tell file entries (read-only) from stored ones.
 * Immutable.
 *
 * @param timeouts the file's top-level {@code timeouts} (or the defaults), the base of stored providers' timeouts
 * @param sharedGroups the file's shared {@code groups} by name, which stored routes may {@code use}
 * @param providers the layer of every provider by name
 * @param routes the layer of every route by name (an alias belongs to its route's layer)
 * @param skipped stored definitions left out of this configuration, by path ({@code providers.<name>} or
 *     {@code routes.<name>}), with their problems
 */
public record ConfigLayers(Timeouts timeouts, Map<String, RouteGroup> sharedGroups, Map<String, Source> providers,
                           Map<String, Source> routes, Map<String, List<String>> skipped) {

    /** Where an entity was declared; later layers lose to earlier ones for the same name except as noted. */
    public enum Source {
        /** Built into the gateway (the {@code mock} provider). */
        BUILTIN,
        /** Enabled by environment variables ({@code OPENAI_API_KEY}, …); a file entry of the same name wins. */
        ENV,
        /** Declared in the configuration file. */
        FILE,
        /** Stored in the database through the admin API; never wins over the other layers. */
        STORE;

        /** The lower-case name the admin API shows. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Copies the maps, keeping their order. */
    public ConfigLayers {
        sharedGroups = copy(sharedGroups);
        providers = copy(providers);
        routes = copy(routes);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        skipped.forEach((path, list) -> problems.put(path, List.copyOf(list)));
        skipped = Collections.unmodifiableMap(problems);
    }

    /** The layer of a provider, empty when this configuration has no provider of that name. */
    public Optional<Source> providerSource(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    /** The layer of a route, empty when this configuration has no route of that name. */
    public Optional<Source> routeSource(String name) {
        return Optional.ofNullable(routes.get(name));
    }

    private static <K, V> Map<K, V> copy(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
