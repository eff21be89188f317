package dev.junction.alert.channel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a channel is asked to say, before it is put in the channel's format. Immutable.
 *
 * @param state firing, resolved, or a test
 * @param rule the rule's name
 * @param subject what the incident is about (a provider, a deployment, a budget, the request log, a store)
 * @param summary one human sentence
 * @param facts further details, in order (label → value)
 * @param at when it happened
 * @param replica the replica that saw it
 */
public record AlertMessage(State state, String rule, String subject, String summary, Map<String, String> facts,
                           Instant at, String replica) {

    /** Whether an incident started, ended, or an operator asked for a test. */
    public enum State {
        FIRING, RESOLVED, TEST;

        /** The lower-case name on the wire. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Copies the facts. */
    public AlertMessage {
        Objects.requireNonNull(state, "state");
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** A one-line headline: {@code [FIRING] upstream failures: openai}. */
    public String title() {
        String tag = switch (state) {
            case FIRING -> "[FIRING]";
            case RESOLVED -> "[RESOLVED]";
            case TEST -> "[TEST]";
        };
        return tag + " " + rule + ": " + subject;
    }

    /** The body as Markdown lines: the summary, then each fact in bold-label form, then the time and replica. */
    public String markdown() {
        StringBuilder sb = new StringBuilder(summary).append('\n');
        facts.forEach((k, v) -> sb.append("\n**").append(k).append(":** ").append(v));
        sb.append("\n**at:** ").append(at).append("\n**replica:** ").append(replica);
        return sb.toString();
    }
}
