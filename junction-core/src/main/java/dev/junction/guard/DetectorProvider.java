package dev.junction.guard;

import tools.jackson.databind.node.ObjectNode;

/**
 * A detector made available by name to {@code guardrails.policies}, found by {@link java.util.ServiceLoader}: the
 * built-in {@code pii}, {@code secrets} and {@code injection} are providers listed in {@code junction-core}'s
 * {@code META-INF/services/dev.junction.guard.DetectorProvider}, and a jar on the gateway's class path or in the
 * extensions directory may add its own the same way (see {@link DetectorCatalog} and {@code docs/extensions.md}).
 * Implementations have a public no-argument constructor and are thread safe.
 */
public interface DetectorProvider {

    /** The name policies use: lower case letters, digits and {@code -}, unique among providers. */
    String name();

    /**
     * The detector, configured for the gateway.
     *
     * @param phoneRegion the two-letter region phone numbers without a country code are read as
     *     ({@code guardrails.phone_region})
     */
    Detector create(String phoneRegion);

    /**
     * The detector with the operator's settings ({@code guardrails.detectors.<name>.settings}), for a provider that
     * takes some (a model's path, a threshold). By default a provider takes none: any setting is refused.
     *
     * @param settings the settings, an empty object when none were given; never kept by the caller
     * @throws IllegalArgumentException when the settings are wrong or missing, with a message naming the setting
     */
    default Detector create(String phoneRegion, ObjectNode settings) {
        if (!settings.isEmpty()) {
            throw new IllegalArgumentException("detector '" + name() + "' takes no settings");
        }
        return create(phoneRegion);
    }

    /** {@code pii}: personal data. */
    final class PersonalDataProvider implements DetectorProvider {
        @Override
        public String name() {
            return "pii";
        }

        @Override
        public Detector create(String phoneRegion) {
            return PersonalData.detector(phoneRegion);
        }
    }

    /** {@code secrets}: keys, tokens and private keys. */
    final class SecretsProvider implements DetectorProvider {
        private static final Detector SECRETS = Secrets.detector();

        @Override
        public String name() {
            return "secrets";
        }

        @Override
        public Detector create(String phoneRegion) {
            return SECRETS;
        }
    }

    /** {@code injection}: prompt injection and jailbreak heuristics. */
    final class InjectionProvider implements DetectorProvider {
        private static final Detector INJECTION = new Injection();

        @Override
        public String name() {
            return "injection";
        }

        @Override
        public Detector create(String phoneRegion) {
            return INJECTION;
        }
    }
}
