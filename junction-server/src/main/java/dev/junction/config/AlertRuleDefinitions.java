package dev.junction.config;

import dev.junction.config.AlertSettings.Rule;
import dev.junction.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alert rules as JSON definitions, both ways: read with the configuration file's own reader (the same keys, defaults
 * and problems as a rule in {@code alerts.rules}), and written back in the same form, so that what the admin API
 * answers for a rule can be sent again to change it. Stateless.
 */
public final class AlertRuleDefinitions {

    /** What reading a definition gave: the rule, or every problem found. */
    public record Read(Optional<Rule> rule, List<String> problems) {

        public Read {
            problems = List.copyOf(problems);
        }
    }

    private AlertRuleDefinitions() {}

    /**
     * Reads the rule {@code name} from {@code definition}: a file rule's keys except {@code name}; every channel it
     * names must satisfy {@code channelExists}. Values are taken as written ({@code ${VAR}}s are not substituted).
     */
    public static Read read(String name, JsonNode definition, Predicate<String> channelExists) {
        Problems problems = new Problems();
        Optional<Rule> rule = new AlertReader(variable -> Optional.empty(), problems)
                .stored(name, definition, channelExists);
        return problems.isEmpty() ? new Read(rule, List.of()) : new Read(Optional.empty(), problems.list());
    }

    /** The rule as a definition, with its name: the keys its type reads, durations with a unit ({@code 5m}). */
    public static ObjectNode render(Rule r) {
        ObjectNode node = Json.object().put("name", r.name()).put("type", r.type().wireName());
        switch (r.type()) {
            case UPSTREAM_FAILURE_RATE, UPSTREAM_KEY_INVALID, RATE_LIMITED -> node
                    .put("by", r.byDeployment() ? "deployment" : "provider").put("threshold", r.threshold())
                    .put("window", Units.format(r.window())).put("min_requests", r.minRequests());
            case UPSTREAM_CONSECUTIVE_FAILURES -> node.put("by", r.byDeployment() ? "deployment" : "provider")
                    .put("threshold", (long) r.threshold());
            case CIRCUIT_OPEN, DEPENDENCY_DOWN -> node.put("after", Units.format(r.after()));
            case BUDGET -> r.levels().forEach(node.putArray("levels")::add);
            case REQUEST_LOG -> node.put("threshold", (long) r.threshold()).put("window", Units.format(r.window()));
            case GUARDRAIL_HITS -> node.put("by", r.byEntityType() ? "entity_type" : "policy")
                    .put("threshold", (long) r.threshold()).put("window", Units.format(r.window()));
        }
        node.put("cool_down", Units.format(r.coolDown()));
        r.channels().forEach(node.putArray("channels")::add);
        return node;
    }
}
