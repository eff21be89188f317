package dev.junction.guard;

import java.util.Optional;
import java.util.Set;

/** The built-in detectors by their configuration name: {@code pii}, {@code secrets}, {@code injection}. */
public final class Detectors {

    /** The built-in names. */
    public static final Set<String> BUILT_IN = Set.of("pii", "secrets", "injection");

    private static final Detector SECRETS = Secrets.detector();
    private static final Detector INJECTION = new Injection();

    private Detectors() {
    }

    /**
     * The built-in detector {@code name}; {@code pii} reads phone numbers without a country code as
     * {@code region}'s.
     */
    public static Optional<Detector> builtIn(String name, String region) {
        return switch (name) {
            case "pii" -> Optional.of(PersonalData.detector(region));
            case "secrets" -> Optional.of(SECRETS);
            case "injection" -> Optional.of(INJECTION);
            default -> Optional.empty();
        };
    }
}
