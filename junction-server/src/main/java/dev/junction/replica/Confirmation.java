package dev.junction.replica;

import java.util.List;

/**
 * How far a change got: which live replicas confirmed that their data plane serves it, and which did not within the
 * bound. Immutable.
 *
 * @param revision the store revision of the change
 * @param confirmed the replicas (other than this one) that serve it
 * @param unconfirmed the live replicas that did not confirm in time; they still apply it when they next poll the store
 * @param reachable whether any channel to the other replicas was up; without one nothing could be confirmed, and other
 *     replicas (if any) apply the change when they poll
 */
public record Confirmation(long revision, List<String> confirmed, List<String> unconfirmed, boolean reachable) {

    /** Copies the lists. */
    public Confirmation {
        confirmed = List.copyOf(confirmed);
        unconfirmed = List.copyOf(unconfirmed);
    }

    /**
     * {@code confirmed} when every live replica confirmed (or there is none, and a channel was up), {@code unconfirmed}
     * when some did not, {@code polling} when no channel reaches other replicas and none is known: they learn of it by
     * polling the store.
     */
    public String status() {
        if (!unconfirmed.isEmpty()) {
            return "unconfirmed";
        }
        return reachable || !confirmed.isEmpty() ? "confirmed" : "polling";
    }
}
