package dev.junction.config;

import dev.junction.crypto.SecretBox;
import dev.junction.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sealed values of a stored provider (its API key, its header values, its pooled keys), each with the associated
 * data {@link StoredConfigMerger} seals it with: what a secret-key rotation counts and re-seals. Stateless.
 */
public final class StoredProviderSeals {

    private StoredProviderSeals() {}

    /** Every sealed value the provider stores. */
    public static List<String> sealedValues(StoredProvider provider) {
        List<String> out = new ArrayList<>();
        provider.apiKeyCiphertext().ifPresent(out::add);
        Json.tryParse(provider.definitionJson()).ifPresent(definition -> {
            definition.path("headers").forEach(v -> {
                if (v.isString() && SecretBox.isSealed(v.stringValue())) {
                    out.add(v.stringValue());
                }
            });
            definition.path("api_keys").forEach(entry -> {
                if (entry.path("key").isString() && SecretBox.isSealed(entry.path("key").stringValue())) {
                    out.add(entry.path("key").stringValue());
                }
            });
        });
        return out;
    }

    /**
     * The provider with every value that is not sealed under {@code box}'s active key sealed again under it; empty when
     * all already are.
     *
     * @throws IllegalStateException when a value cannot be opened (a key the ring lacks, or an altered value)
     */
    public static Optional<StoredProvider> resealed(StoredProvider provider, SecretBox box) {
        String name = provider.name();
        boolean[] changed = {false};
        Optional<String> key = provider.apiKeyCiphertext().map(sealed -> box.reseal(sealed,
                StoredConfigMerger.keyBinding(name)).map(v -> mark(changed, v)).orElse(sealed));
        Optional<JsonNode> parsed = Json.tryParse(provider.definitionJson()).filter(JsonNode::isObject);
        String definition = provider.definitionJson();
        if (parsed.isPresent()) {
            JsonNode node = parsed.get();
            if (node.path("headers") instanceof ObjectNode headers) {
                for (String header : List.copyOf(headers.propertyNames())) {
                    JsonNode v = headers.get(header);
                    if (v.isString() && SecretBox.isSealed(v.stringValue())) {
                        box.reseal(v.stringValue(), StoredConfigMerger.headerBinding(name, header))
                                .ifPresent(fresh -> headers.put(header, mark(changed, fresh)));
                    }
                }
            }
            if (node.path("api_keys") instanceof ArrayNode keys) {
                for (JsonNode entry : keys) {
                    if (entry instanceof ObjectNode o && o.path("key").isString()
                            && SecretBox.isSealed(o.get("key").stringValue())) {
                        box.reseal(o.get("key").stringValue(), StoredConfigMerger.poolKeyBinding(name,
                                o.path("name").asString(""))).ifPresent(fresh -> o.put("key", mark(changed, fresh)));
                    }
                }
            }
            if (changed[0]) {
                definition = Json.write(node);
            }
        }
        return changed[0] ? Optional.of(new StoredProvider(name, definition, key, provider.tenantId()))
                : Optional.empty();
    }

    private static String mark(boolean[] changed, String value) {
        changed[0] = true;
        return value;
    }
}
