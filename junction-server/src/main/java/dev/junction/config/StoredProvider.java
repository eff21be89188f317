package dev.junction.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A provider configured through the admin API rather than the YAML file. Immutable.
 *
 * @param name the provider's name, unique
 * @param definitionJson its configuration as in the YAML, as JSON, without secrets
 * @param apiKeyCiphertext its API key as the application encrypted it; the store never sees the key
 * @param tenantId the tenant it belongs to, whose traffic alone it serves; empty for a provider every tenant shares
 */
public record StoredProvider(String name, String definitionJson, Optional<String> apiKeyCiphertext,
                             Optional<String> tenantId) {

    /** Checks that nothing is missing. */
    public StoredProvider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definitionJson, "definitionJson");
        Objects.requireNonNull(apiKeyCiphertext, "apiKeyCiphertext");
        Objects.requireNonNull(tenantId, "tenantId");
    }

    /** A provider every tenant shares. */
    public StoredProvider(String name, String definitionJson, Optional<String> apiKeyCiphertext) {
        this(name, definitionJson, apiKeyCiphertext, Optional.empty());
    }

    @Override
    public String toString() {
        return "StoredProvider[name=" + name + ", definitionJson=" + definitionJson + ", apiKeyCiphertext="
                + apiKeyCiphertext.map(c -> "***").orElse("none") + ", tenantId=" + tenantId.orElse("none") + "]";
    }
}
