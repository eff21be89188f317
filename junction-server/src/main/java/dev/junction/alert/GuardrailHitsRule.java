package dev.junction.alert;

import dev.junction.config.AlertSettings;
import dev.junction.events.GatewayEvent;
import dev.junction.events.GuardrailTriggered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code guardrail_hits}: a guardrail policy (or, {@code by: entity_type}, an entity type) hit at least
 * {@code threshold} times over the window, whatever the action (a block, a redaction, a flag). Counts the
 * {@link GuardrailTriggered} events, each distinct hit of a request once; the subjects are bounded by the
 * configuration's policies and the detectors' entity types.
 */
final class GuardrailHitsRule implements Rule {

    private final AlertSettings.Rule settings;
    private final Map<String, WindowCount> bySubject = new HashMap<>();

    GuardrailHitsRule(AlertSettings.Rule settings) {
        this.settings = settings;
    }

    @Override
    public AlertSettings.Rule settings() {
        return settings;
    }

    @Override
    public void observe(GatewayEvent event) {
        if (event instanceof GuardrailTriggered hit) {
            String subject = settings.byEntityType() ? hit.entityType() : hit.policy();
            bySubject.computeIfAbsent(subject, s -> new WindowCount(settings.window())).add(hit.at(), true);
        }
    }

    @Override
    public List<Finding> evaluate(Instant now, Probes probes) {
        List<Finding> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, WindowCount>> it = bySubject.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            WindowCount count = entry.getValue();
            count.expire(now);
            if (count.isEmpty()) {
                it.remove();
                continue;
            }
            long hits = count.total();
            if (hits >= settings.threshold()) {
                String what = settings.byEntityType() ? "entity type " : "guardrail policy ";
                Map<String, String> facts = new LinkedHashMap<>();
                facts.put(settings.byEntityType() ? "entity type" : "policy", entry.getKey());
                facts.put("hits", Long.toString(hits));
                facts.put("window", settings.window().toString());
                out.add(new Finding(entry.getKey(), "The " + what + entry.getKey() + " was hit " + hits
                        + " times in the last " + UpstreamSubject.human(settings.window()) + ".", facts));
            }
        }
        return out;
    }
}
