package dev.junction.cache;

import dev.junction.model.ChatResponse;
import java.time.Instant;

/**
 * One cached chat answer, dialect-neutral, so that a client of any dialect can be served it. Immutable.
 *
 * @param response the complete canonical answer
 * @param meteredNanos what the upstream call that produced it cost (metered), the saving each hit reports
 * @param storedAt when it was stored, by the gateway's clock
 * @param expiresAt when it stops being served, by the gateway's clock
 * @param route the route it was made on (for the statistics of hits)
 */
public record CachedAnswer(ChatResponse response, long meteredNanos, Instant storedAt, Instant expiresAt,
                           String route) {

    /** Whether the entry is still served at {@code now}. */
    public boolean freshAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** Whole seconds left at {@code now}, at least 0. */
    public long secondsLeft(Instant now) {
        return Math.max(0, java.time.Duration.between(now, expiresAt).toSeconds());
    }
}
