package dev.junction.config;

import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Reads the `tracing:` section (and its environment variables) into {@link TracingSettings}. */
final class TracingReader {

    private final Function<String, Optional<String>> env;
    private final Problems problems;

    TracingReader(Function<String, Optional<String>> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    TracingSettings read(JsonNode node) {
        if (node != null) {
            problems.isMapping(node, "tracing");
        }
        return TracingSettings.DEFAULT;
    }
}
