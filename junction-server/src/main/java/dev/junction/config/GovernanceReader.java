package dev.junction.config;

import dev.junction.observe.JournalSync;
import dev.junction.observe.WriterSettings;
import dev.junction.routing.Price;
import dev.junction.secret.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code data_dir}, {@code database}, {@code secret_key}, {@code request_logs}, {@code pricing} and
 * {@code responses}, with the
 * environment's {@code JUNCTION_DATA_DIR}, {@code JUNCTION_DATABASE_URL} / {@code _USER} / {@code _PASSWORD} and
 * {@code JUNCTION_SECRET_KEY} as defaults the file overrides.
 */
final class GovernanceReader {

    private static final Set<String> DATABASE = Set.of("url", "user", "password", "pool_size", "migrate");
    private static final Set<String> REQUEST_LOGS = Set.of("capture_bodies", "max_body_size", "queue_size",
            "batch_size", "flush_interval", "spool_dir", "spool_max_size", "journal");
    private static final Set<String> JOURNAL = Set.of("fsync", "fsync_interval", "max_wait");
    private static final Set<String> PRICING = Set.of("overrides", "route_markups", "default_max_tokens");
    private static final Set<String> RESPONSES = Set.of("retention", "max_stored_size");

    private final Function<String, Optional<String>> env;
    private final Problems problems;

    GovernanceReader(Function<String, Optional<String>> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    GovernanceSettings read(JsonNode root) {
        Path dataDir = Path.of(problems.string(root, "data_dir", "").or(() -> env.apply("JUNCTION_DATA_DIR"))
                .orElse("data"));
        Optional<Secret> secretKey = problems.string(root, "secret_key", "").or(() -> env.apply("JUNCTION_SECRET_KEY"))
                .filter(s -> !s.isBlank()).map(Secret::of);
        return new GovernanceSettings(dataDir, database(root.get("database"), dataDir), secretKey,
                previousSecretKeys(root.get("previous_secret_keys")),
                requestLogs(root.get("request_logs"), dataDir), pricing(root.get("pricing")),
                responses(root.get("responses")));
    }

    /**
     * {@code previous_secret_keys}: a list of keys, or one string of comma-separated keys; else
     * {@code JUNCTION_PREVIOUS_SECRET_KEYS}, comma-separated. Blank entries are ignored.
     */
    private List<Secret> previousSecretKeys(JsonNode node) {
        String path = "previous_secret_keys";
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            env.apply("JUNCTION_PREVIOUS_SECRET_KEYS").ifPresent(v -> values.addAll(List.of(v.split(","))));
        } else if (node.isString()) {
            values.addAll(List.of(node.stringValue().split(",")));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isString()) {
                    values.add(node.get(i).stringValue());
                } else {
                    problems.add(path + "[" + i + "]: expected a key (a string)");
                }
            }
        } else {
            problems.add(path + ": expected a list of keys");
        }
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).map(Secret::of).toList();
    }

    private GovernanceSettings.ResponsesSettings responses(JsonNode node) {
        String path = "responses";
        var defaults = GovernanceSettings.ResponsesSettings.DEFAULTS;
        if (!problems.isMapping(node, path)) {
            return defaults;
        }
        problems.onlyKeys(node, path, RESPONSES);
        return new GovernanceSettings.ResponsesSettings(
                problems.duration(node, "retention", path).orElse(defaults.retention()),
                problems.size(node, "max_stored_size", path).orElse(defaults.maxStoredBytes()));
    }

    private GovernanceSettings.DatabaseConfig database(JsonNode node, Path dataDir) {
        String path = "database";
        Optional<String> url = Optional.empty();
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        int poolSize = 8;
        boolean migrate = true;
        if (problems.isMapping(node, path)) {
            problems.onlyKeys(node, path, DATABASE);
            migrate = problems.string(node, "migrate", path).flatMap(v -> switch (v) {
                case "auto" -> Optional.of(true);
                case "off" -> Optional.of(false);
                default -> {
                    problems.add(path + ".migrate: expected auto or off, got '" + v + "'");
                    yield Optional.<Boolean>empty();
                }
            }).orElse(migrate);
            url = problems.string(node, "url", path);
            user = problems.string(node, "user", path);
            password = problems.string(node, "password", path);
            poolSize = problems.integer(node, "pool_size", path, 1, 1000).orElse(poolSize);
        }
        String resolved = url.or(() -> env.apply("JUNCTION_DATABASE_URL"))
                .orElse("jdbc:sqlite:" + dataDir.resolve("junction.db"));
        if (!resolved.startsWith("jdbc:sqlite:") && !resolved.startsWith("jdbc:postgresql:")
                && !resolved.startsWith("jdbc:mariadb:") && !resolved.startsWith("jdbc:mysql:")) {
            problems.add("database.url: expected a jdbc:sqlite:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql: URL");
        }
        return new GovernanceSettings.DatabaseConfig(resolved,
                user.or(() -> env.apply("JUNCTION_DATABASE_USER")),
                password.or(() -> env.apply("JUNCTION_DATABASE_PASSWORD")).map(Secret::of), poolSize, migrate);
    }

    private GovernanceSettings.RequestLogSettings requestLogs(JsonNode node, Path dataDir) {
        String path = "request_logs";
        boolean mapping = problems.isMapping(node, path);
        if (mapping) {
            problems.onlyKeys(node, path, REQUEST_LOGS);
        }
        JsonNode n = mapping ? node : dev.junction.json.Json.object();
        return new GovernanceSettings.RequestLogSettings(
                problems.bool(n, "capture_bodies", path).orElse(false),
                problems.size(n, "max_body_size", path).map(s -> (int) Math.min(s, 16L << 20)).orElse(64 * 1024),
                problems.integer(n, "queue_size", path, 100, 10_000_000).orElse(50_000),
                problems.integer(n, "batch_size", path, 1, 100_000).orElse(500),
                problems.duration(n, "flush_interval", path).orElse(Duration.ofMillis(250)),
                problems.string(n, "spool_dir", path).map(Path::of).orElse(dataDir.resolve("spool")),
                problems.size(n, "spool_max_size", path).orElse(1L << 30),
                journalSync(n.get("journal"), path + ".journal"), journalMaxWait(n.get("journal"), path + ".journal"));
    }

    private JournalSync journalSync(JsonNode node, String path) {
        if (!problems.isMapping(node, path)) {
            return JournalSync.DEFAULT;
        }
        problems.onlyKeys(node, path, JOURNAL);
        JournalSync.Policy policy = problems.string(node, "fsync", path).map(v -> JournalSync.Policy.parse(v)
                .orElseGet(() -> {
                    problems.add(path + ".fsync: expected never, interval or always, got '" + v + "'");
                    return JournalSync.DEFAULT.policy();
                })).orElse(JournalSync.DEFAULT.policy());
        Duration interval = problems.duration(node, "fsync_interval", path).filter(d -> d.toMillis() > 0)
                .orElse(JournalSync.DEFAULT.interval());
        return new JournalSync(policy, interval);
    }

    private Duration journalMaxWait(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            return WriterSettings.DEFAULT_MAX_WAIT;
        }
        return problems.duration(node, "max_wait", path).filter(d -> d.toMillis() > 0)
                .orElse(WriterSettings.DEFAULT_MAX_WAIT);
    }

    private GovernanceSettings.PricingSettings pricing(JsonNode node) {
        String path = "pricing";
        Map<String, Price> overrides = new LinkedHashMap<>();
        Map<String, Double> markups = new LinkedHashMap<>();
        int defaultMaxTokens = 4096;
        if (!problems.isMapping(node, path)) {
            return new GovernanceSettings.PricingSettings(overrides, markups, defaultMaxTokens);
        }
        problems.onlyKeys(node, path, PRICING);
        JsonNode o = node.get("overrides");
        if (problems.isMapping(o, path + ".overrides")) {
            for (var entry : o.properties()) {
                DeploymentReader.price(entry.getValue(), path + ".overrides." + entry.getKey(), problems)
                        .ifPresent(p -> overrides.put(entry.getKey(), p));
            }
        }
        JsonNode m = node.get("route_markups");
        if (problems.isMapping(m, path + ".route_markups")) {
            for (var entry : m.properties()) {
                problems.number(m, entry.getKey(), path + ".route_markups", -1, 100)
                        .ifPresent(v -> markups.put(entry.getKey(), v));
            }
        }
        defaultMaxTokens = problems.integer(node, "default_max_tokens", path, 1, 10_000_000).orElse(defaultMaxTokens);
        return new GovernanceSettings.PricingSettings(overrides, markups, defaultMaxTokens);
    }
}
