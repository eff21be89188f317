package dev.junction.alert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subject a rule finds wrong right now. Immutable.
 *
 * @param subject what is wrong (a provider, a deployment, a budget, …)
 * @param summary one sentence for the message
 * @param facts the figures behind it, in order
 */
record Finding(String subject, String summary, Map<String, String> facts) {

    Finding {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }
}
