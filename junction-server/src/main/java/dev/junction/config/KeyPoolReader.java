package dev.junction.config;

import dev.junction.provider.KeyPool;
import dev.junction.provider.KeyPool.PooledKey;
import dev.junction.secret.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a provider's key pool: {@code api_keys:}, a list whose entries are a key or {@code {key, weight, name}}, and
 * {@code key_pool: {rest_for, disable_for}}. Problems name the entry, never the key.
 */
final class KeyPoolReader {

    private static final Set<String> ENTRY = Set.of("key", "weight", "name");
    private static final Set<String> SETTINGS = Set.of("rest_for", "disable_for");

    private KeyPoolReader() {}

    /** The pool of the provider block {@code node} at {@code path}; {@link KeyPool#NONE} without {@code api_keys}. */
    static KeyPool read(JsonNode node, String path, Problems problems) {
        JsonNode list = node.get("api_keys");
        JsonNode settings = node.get("key_pool");
        if (list == null || list.isNull()) {
            if (settings != null && !settings.isNull()) {
                problems.add(path + ".key_pool: only applies with api_keys");
            }
            return KeyPool.NONE;
        }
        if (node.has("api_key")) {
            problems.add(path + ": give either api_key or api_keys, not both");
        }
        if (!list.isArray() || list.isEmpty()) {
            problems.add(path + ".api_keys: expected a list of keys (strings, or {key, weight, name})");
            return KeyPool.NONE;
        }
        List<PooledKey> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            entry(list.get(i), path + ".api_keys[" + i + "]", i, problems).ifPresent(key -> {
                if (!names.add(key.name())) {
                    problems.add(path + ".api_keys: two keys are named '" + key.name() + "'");
                } else if (keys.stream().anyMatch(k -> k.fingerprint().equals(key.fingerprint()))) {
                    problems.add(path + ".api_keys: the key '" + key.name() + "' is listed twice");
                } else {
                    keys.add(key);
                }
            });
        }
        Duration restFor = KeyPool.DEFAULT_REST;
        Duration disableFor = KeyPool.DEFAULT_DISABLE;
        if (settings != null && !settings.isNull() && problems.isMapping(settings, path + ".key_pool")) {
            problems.onlyKeys(settings, path + ".key_pool", SETTINGS);
            restFor = problems.duration(settings, "rest_for", path + ".key_pool").orElse(restFor);
            disableFor = problems.duration(settings, "disable_for", path + ".key_pool").orElse(disableFor);
        }
        return keys.isEmpty() ? KeyPool.NONE : new KeyPool(keys, restFor, disableFor);
    }

    private static Optional<PooledKey> entry(JsonNode entry, String path, int index, Problems problems) {
        String defaultName = "key-" + (index + 1);
        if (entry.isString()) {
            return key(entry.asString(), defaultName, 1, path, problems);
        }
        if (!problems.isMapping(entry, path)) {
            return Optional.empty();
        }
        problems.onlyKeys(entry, path, ENTRY);
        Optional<String> secret = problems.requiredString(entry, "key", path);
        int weight = problems.integer(entry, "weight", path, 1, 1_000_000).orElse(1);
        String name = problems.string(entry, "name", path).filter(n -> !n.isBlank()).orElse(defaultName);
        return secret.flatMap(s -> key(s, name, weight, path, problems));
    }

    private static Optional<PooledKey> key(String secret, String name, int weight, String path, Problems problems) {
        if (secret.isBlank()) {
            problems.add(path + ": the key is empty (an unset variable?)");
            return Optional.empty();
        }
        return Optional.of(new PooledKey(name, Secret.of(secret.strip()), weight));
    }
}
