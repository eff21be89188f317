package dev.junction.provider;

import dev.junction.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites of a request body for one provider or one route step, applied to the upstream's wire JSON in this order:
 * conflicts (judged on the body as it arrived), drop, rename, defaults (only where absent), set (always wins).
 *
 * @param drop top-level fields the provider rejects
 * @param rename fields the provider knows under another name ({@code max_completion_tokens → max_tokens})
 * @param defaults values used when the client sent none
 * @param set values that override the client's
 * @param conflicts fields to drop when another field is present ({@code tools} present → drop
 *     {@code response_format})
 */
public record ParamRules(List<String> drop, Map<String, String> rename, ObjectNode defaults, ObjectNode set,
                         List<Conflict> conflicts) {

    /** When {@code whenPresent} is in the body, drop {@code drop}. */
    public record Conflict(String whenPresent, List<String> drop) {
        public Conflict {
            drop = List.copyOf(drop);
        }
    }

    public static final ParamRules NONE = new ParamRules(List.of(), Map.of(), Json.object(), Json.object(), List.of());

    public ParamRules {
        drop = List.copyOf(drop);
        rename = Map.copyOf(rename);
        conflicts = List.copyOf(conflicts);
    }

    /** Whether these rules change nothing. */
    public boolean isEmpty() {
        return drop.isEmpty() && rename.isEmpty() && defaults.isEmpty() && set.isEmpty() && conflicts.isEmpty();
    }

    /** These rules followed by {@code later}'s: lists concatenate, maps merge with {@code later} winning. */
    public ParamRules then(ParamRules later) {
        if (later.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return later;
        }
        List<String> d = new ArrayList<>(drop);
        d.addAll(later.drop);
        Map<String, String> r = new LinkedHashMap<>(rename);
        r.putAll(later.rename);
        ObjectNode def = defaults.deepCopy();
        def.setAll(later.defaults);
        ObjectNode s = set.deepCopy();
        s.setAll(later.set);
        List<Conflict> c = new ArrayList<>(conflicts);
        c.addAll(later.conflicts);
        return new ParamRules(d, r, def, s, c);
    }

    /**
     * Applies the rules to {@code body} in place.
     *
     * @return the names of client-sent fields that were dropped, sorted, for the {@code X-Junction-Dropped} header
     */
    public Set<String> apply(ObjectNode body) {
        Set<String> dropped = new TreeSet<>();
        if (isEmpty()) {
            return dropped;
        }
        List<String> toDrop = new ArrayList<>(drop);
        for (Conflict conflict : conflicts) {
            if (!Json.absent(body, conflict.whenPresent())) {
                toDrop.addAll(conflict.drop());
            }
        }
        for (String field : toDrop) {
            if (body.remove(field) != null) {
                dropped.add(field);
            }
        }
        rename.forEach((from, to) -> {
            var value = body.remove(from);
            if (value == null) {
                return;
            }
            if (body.has(to)) {
                dropped.add(from); // the client sent both names; its value under the provider's name wins
            } else {
                body.set(to, value);
            }
        });
        // Copies: the rule's nodes are shared by every request and must never be reachable from a body.
        defaults.properties().forEach(e -> {
            if (Json.absent(body, e.getKey())) {
                body.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        set.properties().forEach(e -> body.set(e.getKey(), e.getValue().deepCopy()));
        return dropped;
    }
}
