package dev.junction.config;

import dev.junction.secret.Secret;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Reads the `metrics:` section (and {@code JUNCTION_METRICS_TOKEN}) into {@link MetricsSettings}. */
final class MetricsReader {

    private static final String PATH = "metrics";
    private static final Set<String> KEYS = Set.of("enabled", "token", "port", "key_names");

    private final Function<String, Optional<String>> env;
    private final Problems problems;

    MetricsReader(Function<String, Optional<String>> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    MetricsSettings read(JsonNode node) {
        MetricsSettings defaults = MetricsSettings.DEFAULT;
        Optional<String> token = Optional.empty();
        boolean enabled = defaults.enabled();
        Optional<Integer> port = Optional.empty();
        boolean keyNames = defaults.keyNames();
        if (problems.isMapping(node, PATH)) {
            problems.onlyKeys(node, PATH, KEYS);
            enabled = problems.bool(node, "enabled", PATH).orElse(enabled);
            token = problems.string(node, "token", PATH);
            port = problems.integer(node, "port", PATH, 0, 65535);
            keyNames = problems.bool(node, "key_names", PATH).orElse(keyNames);
        }
        Optional<Secret> secret = token.or(() -> env.apply("JUNCTION_METRICS_TOKEN")).filter(t -> !t.isBlank())
                .map(Secret::of);
        return new MetricsSettings(enabled, secret, port, keyNames);
    }
}
