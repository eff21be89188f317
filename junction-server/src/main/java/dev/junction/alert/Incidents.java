package dev.junction.alert;

import dev.junction.alert.channel.AlertMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what rules find into incidents, deduplicated by rule and subject: a subject found wrong opens an incident
 * (one firing message); while it stays wrong nothing more is said; once it is no longer found the incident resolves
 * (one all-clear). A subject that fires again within its rule's cool-down of its last firing is suppressed — no
 * incident, no message — so a flapping upstream does not flood the channel. Updated on the alert thread; the open
 * incidents can be read from any thread.
 */
final class Incidents {

    /** A change to announce. */
    record Change(AlertMessage.State state, Incident incident, String summary, Map<String, String> facts) {}

    private record Key(String rule, String subject) {}

    private final Map<Key, Incident> open = new LinkedHashMap<>();
    private final Map<Key, Instant> lastFired = new HashMap<>();
    private volatile List<Incident> snapshot = List.of();
    private long suppressed;

    /** The changes {@code findings} (everything {@code rule} finds wrong now) make. */
    List<Change> update(String rule, Duration coolDown, List<Finding> findings, Instant now) {
        List<Change> changes = new ArrayList<>();
        Set<Key> wrong = new HashSet<>();
        for (Finding f : findings) {
            Key key = new Key(rule, f.subject());
            wrong.add(key);
            if (open.containsKey(key)) {
                continue;
            }
            Instant last = lastFired.get(key);
            if (last != null && now.isBefore(last.plus(coolDown))) {
                suppressed++;
                continue;
            }
            Incident incident = new Incident(rule, f.subject(), f.summary(), now, f.facts());
            open.put(key, incident);
            lastFired.put(key, now);
            changes.add(new Change(AlertMessage.State.FIRING, incident, f.summary(), f.facts()));
        }
        for (var it = open.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getKey().rule().equals(rule) && !wrong.contains(entry.getKey())) {
                it.remove();
                Incident incident = entry.getValue();
                changes.add(new Change(AlertMessage.State.RESOLVED, incident, incident.subject() + " is back to normal"
                        + " (open since " + incident.since() + ").", Map.of("was", incident.summary())));
            }
        }
        lastFired.entrySet().removeIf(e -> !open.containsKey(e.getKey()) && !now.isBefore(e.getValue().plus(coolDown))
                && e.getKey().rule().equals(rule));
        if (!changes.isEmpty()) {
            snapshot = List.copyOf(open.values());
        }
        return changes;
    }

    /** Drops what is known of a rule that no longer exists: its open incidents and cool-downs, with no message. */
    void forget(String rule) {
        open.keySet().removeIf(key -> key.rule().equals(rule));
        lastFired.keySet().removeIf(key -> key.rule().equals(rule));
        snapshot = List.copyOf(open.values());
    }

    /** The open incidents, oldest first. */
    List<Incident> open() {
        return snapshot;
    }

    /** How many firings a cool-down suppressed (read on the alert thread, or racily for stats). */
    long suppressed() {
        return suppressed;
    }
}
