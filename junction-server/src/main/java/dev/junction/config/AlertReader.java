package dev.junction.config;

import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Reads the `alerts:` section (and its environment variables) into {@link AlertSettings}. */
final class AlertReader {

    private final Function<String, Optional<String>> env;
    private final Problems problems;

    AlertReader(Function<String, Optional<String>> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    AlertSettings read(JsonNode node) {
        if (node != null) {
            problems.isMapping(node, "alerts");
        }
        return AlertSettings.DEFAULT;
    }
}
