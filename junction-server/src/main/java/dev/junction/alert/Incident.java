package dev.junction.alert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An open incident: a rule found a subject wrong, and one firing message went out. Immutable.
 *
 * @param rule the rule's name
 * @param subject what is wrong
 * @param summary the rule's sentence when it fired
 * @param since when it fired
 * @param facts the figures when it fired
 */
public record Incident(String rule, String subject, String summary, Instant since, Map<String, String> facts) {

    /** Copies the facts. */
    public Incident {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }
}
