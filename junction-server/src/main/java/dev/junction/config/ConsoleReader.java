package dev.junction.config;

import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads the {@code console:} section into {@link ConsoleSettings}. */
final class ConsoleReader {

    private static final String PATH = "console";
    private static final Set<String> KEYS = Set.of("enabled", "session_idle_timeout", "session_max_age");

    private final Problems problems;

    ConsoleReader(Problems problems) {
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    ConsoleSettings read(JsonNode node) {
        ConsoleSettings d = ConsoleSettings.DEFAULT;
        if (!problems.isMapping(node, PATH)) {
            return d;
        }
        problems.onlyKeys(node, PATH, KEYS);
        boolean enabled = problems.bool(node, "enabled", PATH).orElse(d.enabled());
        Duration idle = problems.duration(node, "session_idle_timeout", PATH).orElse(d.idleTimeout());
        Duration maxAge = problems.duration(node, "session_max_age", PATH).orElse(d.maxAge());
        if (idle.compareTo(maxAge) > 0) {
            problems.add(PATH + ".session_idle_timeout: must not be longer than session_max_age (" + maxAge + ")");
        }
        return new ConsoleSettings(enabled, idle, maxAge);
    }
}
