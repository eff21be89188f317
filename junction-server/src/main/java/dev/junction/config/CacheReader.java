package dev.junction.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads the {@code cache:} section into {@link CacheSettings}. */
final class CacheReader {

    private static final String PATH = "cache";
    private static final Set<String> POLICY = Set.of("enabled", "ttl", "scope", "sampled", "multiple_choices",
            "hit_charge", "time_dependent_tools", "semantic", "replay_pace");
    private static final Duration MAX_REPLAY_PACE = Duration.ofSeconds(1);
    private static final Set<String> SEMANTIC = Set.of("enabled", "embedding_model", "threshold", "text", "ttl");
    private static final Set<String> KEYS;

    static {
        java.util.HashSet<String> keys = new java.util.HashSet<>(POLICY);
        keys.addAll(Set.of("backend", "max_entries", "max_size", "routes", "keys", "redis_prefix"));
        KEYS = Set.copyOf(keys);
    }

    private final Problems problems;

    CacheReader(Problems problems) {
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    CacheSettings read(JsonNode node, Optional<String> redisUrl) {
        CacheSettings off = CacheSettings.OFF;
        if (node == null || node.isNull() || !problems.isMapping(node, PATH)) {
            return off;
        }
        problems.onlyKeys(node, PATH, KEYS);
        CacheSettings.Backend backend = problems.string(node, "backend", PATH).map(b -> switch (b) {
            case "memory" -> CacheSettings.Backend.MEMORY;
            case "redis" -> CacheSettings.Backend.REDIS;
            default -> {
                problems.add("cache.backend: expected memory or redis, got '" + b + "'");
                yield CacheSettings.Backend.MEMORY;
            }
        }).orElse(CacheSettings.Backend.MEMORY);
        if (backend == CacheSettings.Backend.REDIS && redisUrl.isEmpty()) {
            problems.add("cache.backend: redis needs redis.url (or JUNCTION_REDIS_URL)");
        }
        long maxEntries = problems.integer(node, "max_entries", PATH, 1, Integer.MAX_VALUE).map(Integer::longValue)
                .orElse(off.maxEntries());
        long maxBytes = problems.size(node, "max_size", PATH).orElse(off.maxBytes());
        CacheSettings.Overrides top = overrides(node, PATH);
        CacheSettings.Policy defaults = CacheSettings.Policy.DEFAULT.with(top);
        JsonNode semantic = node.get("semantic");
        long semanticMax = semantic != null && semantic.isObject()
                ? problems.integer(semantic, "max_entries", PATH + ".semantic", 1, Integer.MAX_VALUE)
                        .map(Integer::longValue).orElse(off.semanticMaxEntries())
                : off.semanticMaxEntries();
        Map<String, CacheSettings.Overrides> routes = named(node.get("routes"), PATH + ".routes");
        Map<String, CacheSettings.Overrides> keys = named(node.get("keys"), PATH + ".keys");
        embeddingModelNamed(PATH, defaults);
        routes.forEach((name, o) -> embeddingModelNamed(PATH + ".routes." + name, defaults.with(o)));
        keys.forEach((name, o) -> embeddingModelNamed(PATH + ".keys." + name, defaults.with(o)));
        return new CacheSettings(top.enabled().orElse(true), backend, maxEntries, maxBytes, defaults, routes, keys,
                problems.string(node, "redis_prefix", PATH).orElse(off.redisPrefix()), semanticMax);
    }

    /** A semantic lookup turned on needs its embedding model, here or in the top block. */
    private void embeddingModelNamed(String path, CacheSettings.Policy policy) {
        if (policy.semantic().enabled() && policy.semantic().embeddingModel().isEmpty()) {
            problems.add(path + ".semantic: enabled needs an embedding_model (a public model that embeds, such as "
                    + "openai/text-embedding-3-small)");
        }
    }

    private Map<String, CacheSettings.Overrides> named(JsonNode node, String path) {
        Map<String, CacheSettings.Overrides> out = new LinkedHashMap<>();
        if (node == null || node.isNull() || !problems.isMapping(node, path)) {
            return out;
        }
        for (var entry : node.properties()) {
            String at = path + "." + entry.getKey();
            if (problems.isMapping(entry.getValue(), at)) {
                problems.onlyKeys(entry.getValue(), at, POLICY);
                out.put(entry.getKey(), overrides(entry.getValue(), at));
            }
        }
        return out;
    }

    private CacheSettings.Overrides overrides(JsonNode node, String path) {
        Optional<Duration> ttl = problems.duration(node, "ttl", path);
        Optional<CacheSettings.Scope> scope = problems.string(node, "scope", path).flatMap(s -> {
            try {
                return Optional.of(CacheSettings.Scope.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(Problems.prefix(path) + "scope: expected tenant, team or key, got '" + s + "'");
                return Optional.empty();
            }
        });
        Optional<List<String>> tools = node.has("time_dependent_tools")
                ? Optional.of(problems.strings(node, "time_dependent_tools", path)) : Optional.empty();
        return new CacheSettings.Overrides(problems.bool(node, "enabled", path), ttl, scope,
                problems.bool(node, "sampled", path), problems.bool(node, "multiple_choices", path),
                problems.number(node, "hit_charge", path, 0.0, 1.0), tools,
                semantic(node.get("semantic"), Problems.prefix(path) + "semantic", path.equals(PATH)),
                replayPace(node, path));
    }

    /** {@code replay_pace}: zero up to one second before each word of a streamed hit. */
    private Optional<Duration> replayPace(JsonNode node, String path) {
        if (!node.has("replay_pace")) {
            return Optional.empty();
        }
        JsonNode value = node.get("replay_pace");
        if (value.isNumber() && value.asDouble() == 0) {
            return Optional.of(Duration.ZERO);
        }
        Optional<Duration> pace = problems.duration(node, "replay_pace", path);
        if (pace.isPresent() && pace.get().compareTo(MAX_REPLAY_PACE) > 0) {
            problems.add(Problems.prefix(path) + "replay_pace: at most 1s between words, got " + value.asString());
            return Optional.empty();
        }
        return pace;
    }

    /** A {@code semantic:} block; {@code max_entries} (the index's bound) only at the top. */
    private Optional<CacheSettings.SemanticOverrides> semantic(JsonNode node, String path, boolean top) {
        if (node == null || node.isNull() || !problems.isMapping(node, path)) {
            return Optional.empty();
        }
        java.util.HashSet<String> allowed = new java.util.HashSet<>(SEMANTIC);
        if (top) {
            allowed.add("max_entries");
        }
        problems.onlyKeys(node, path, allowed);
        Optional<CacheSettings.SemanticText> text = problems.string(node, "text", path).flatMap(t -> {
            try {
                return Optional.of(CacheSettings.SemanticText.valueOf(t.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(Problems.prefix(path) + "text: expected last_user, last_user_and_system or all_user, "
                        + "got '" + t + "'");
                return Optional.empty();
            }
        });
        return Optional.of(new CacheSettings.SemanticOverrides(problems.bool(node, "enabled", path),
                problems.string(node, "embedding_model", path), problems.number(node, "threshold", path, 0.0, 1.0),
                text, problems.duration(node, "ttl", path)));
    }
}
