package dev.junction.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides which replica announces an alert change. Every replica evaluates the rules, and rules that read shared
 * state (the store, health shared through Redis) find the same subject wrong on all of them: the first replica to
 * claim (rule, subject, state) sends the message, the others stay quiet for the rule's cool-down.
 */
public interface AnnouncementClaims {

    /** Every change is announced: a gateway that shares nothing with other replicas. */
    AnnouncementClaims ALWAYS = (rule, subject, state, now, window) -> true;

    /**
     * Whether this replica should announce; called on the alert thread, which may block.
     *
     * @param window how long a claim keeps other replicas quiet
     */
    boolean claim(String rule, String subject, String state, Instant now, Duration window);
}
