package dev.junction.guard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detectors policies name, by name: every {@link DetectorProvider} {@link ServiceLoader} finds on the class
 * path, read once. The built-in {@code pii}, {@code secrets} and {@code injection} are such providers themselves; a
 * provider that cannot be loaded, or that repeats a name, is logged and left out.
 */
public final class Detectors {

    private static final Logger LOG = LoggerFactory.getLogger(Detectors.class);
    private static final Map<String, DetectorProvider> PROVIDERS = load();

    /** The names of every provided detector: the three built-ins and any a jar on the class path adds. */
    public static final Set<String> BUILT_IN = PROVIDERS.keySet();

    private Detectors() {
    }

    /**
     * The provided detector {@code name}; {@code pii} reads phone numbers without a country code as
     * {@code region}'s.
     */
    public static Optional<Detector> builtIn(String name, String region) {
        return Optional.ofNullable(PROVIDERS.get(name)).map(p -> p.create(region));
    }

    private static Map<String, DetectorProvider> load() {
        Map<String, DetectorProvider> found = new LinkedHashMap<>();
        var providers = ServiceLoader.load(DetectorProvider.class, Detectors.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                DetectorProvider provider = providers.next();
                DetectorProvider earlier = found.putIfAbsent(provider.name(), provider);
                if (earlier != null) {
                    LOG.warn("Two detector providers are named '{}' ({}, {}); the first is used", provider.name(),
                            earlier.getClass().getName(), provider.getClass().getName());
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.warn("A detector provider could not be loaded: {}", e.toString());
            }
        }
        return Collections.unmodifiableMap(found);
    }
}
