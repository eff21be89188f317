package dev.junction.config;

import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Reads the `analytics:` section (and its environment variables) into {@link AnalyticsSettings}. */
final class AnalyticsReader {

    private final Function<String, Optional<String>> env;
    private final Problems problems;

    AnalyticsReader(Function<String, Optional<String>> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    AnalyticsSettings read(JsonNode node) {
        if (node != null) {
            problems.isMapping(node, "analytics");
        }
        return AnalyticsSettings.DEFAULT;
    }
}
