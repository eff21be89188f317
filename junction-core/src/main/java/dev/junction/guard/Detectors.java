package dev.junction.guard;

import java.util.Optional;
import java.util.Set;

/**
 * The detectors of the gateway's class path, by name (see {@link DetectorCatalog#classPath()}): the built-in
 * {@code pii}, {@code secrets} and {@code injection}, and any a jar on the class path adds.
 */
public final class Detectors {

    /** The names of every class-path detector: the three built-ins and any a jar on the class path adds. */
    public static final Set<String> BUILT_IN = DetectorCatalog.classPath().names();

    private Detectors() {
    }

    /**
     * The class-path detector {@code name}; {@code pii} reads phone numbers without a country code as
     * {@code region}'s.
     */
    public static Optional<Detector> builtIn(String name, String region) {
        return DetectorCatalog.classPath().entry(name).map(e -> e.provider().create(region));
    }
}
