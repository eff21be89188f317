package dev.junction.config;

import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Reads the `metrics:` section (and its environment variables) into {@link MetricsSettings}. */
final class MetricsReader {

    private final Function<String, Optional<String>> env;
    private final Problems problems;

    MetricsReader(Function<String, Optional<String>> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    MetricsSettings read(JsonNode node) {
        if (node != null) {
            problems.isMapping(node, "metrics");
        }
        return MetricsSettings.DEFAULT;
    }
}
