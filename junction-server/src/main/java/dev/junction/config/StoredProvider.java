package dev.junction.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A provider configured through the admin API rather than the YAML file. Immutable.
 *
 * @param name the provider's name, unique
 * @param definitionJson its configuration as in the YAML, as JSON, without secrets
 * @param apiKeyCiphertext its API key as the application encrypted it; the store never sees the key
 */
public record StoredProvider(String name, String definitionJson, Optional<String> apiKeyCiphertext) {

    /** Checks that nothing is missing. */
    public StoredProvider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definitionJson, "definitionJson");
        Objects.requireNonNull(apiKeyCiphertext, "apiKeyCiphertext");
    }

    @Override
    public String toString() {
        return "StoredProvider[name=" + name + ", definitionJson=" + definitionJson + ", apiKeyCiphertext="
                + apiKeyCiphertext.map(c -> "***").orElse("none") + "]";
    }
}
