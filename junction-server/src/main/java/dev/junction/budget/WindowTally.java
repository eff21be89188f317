package dev.junction.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one account has spent and holds in one window, for {@link LocalBudgetLedger}. Not thread safe by itself: every
 * access holds {@link #lock}. A tally removed from the ledger's map is marked {@link #retired} under its lock first, so
 * a caller that found it before the removal notices and fetches the new one.
 */
final class WindowTally {

    /** Guards every field. */
    final ReentrantLock lock = new ReentrantLock();
    /** Set, under the lock, when the tally is evicted; a retired tally must not be changed. */
    boolean retired;
    long spentNanos;
    long reservedNanos;

    private final Optional<Instant> windowEnd;
    private final Duration retention;
    private final Map<String, Hold> holds = new HashMap<>();
    /** Reservations whose lease ran out, kept (until the instant mapped) so that a late settle still spends, once. */
    private final Map<String, Instant> dropped = new HashMap<>();

    private record Hold(long amountNanos, Instant expiresAt) {
    }

    WindowTally(Optional<Instant> windowEnd, Duration retention) {
        this.windowEnd = windowEnd;
        this.retention = retention;
    }

    /** Drops the holds whose lease has run out, and forgets dropped reservations older than the retention. */
    void purge(Instant now) {
        var expired = holds.entrySet().iterator();
        while (expired.hasNext()) {
            var entry = expired.next();
            if (!entry.getValue().expiresAt().isAfter(now)) {
                reservedNanos -= entry.getValue().amountNanos();
                dropped.put(entry.getKey(), now.plus(retention));
                expired.remove();
            }
        }
        dropped.values().removeIf(forgetAt -> !forgetAt.isAfter(now));
    }

    void hold(String reservationId, long amountNanos, Instant expiresAt) {
        reservedNanos += amountNanos;
        holds.put(reservationId, new Hold(amountNanos, expiresAt));
    }

    /**
     * Ends a reservation: frees its hold and, when {@code spend} is present, adds it to the spending. A reservation
     * already ended (or never held here) changes nothing.
     */
    void end(String reservationId, OptionalLong spend) {
        Hold hold = holds.remove(reservationId);
        boolean live = hold != null;
        if (live) {
            reservedNanos -= hold.amountNanos();
        }
        if ((live || dropped.remove(reservationId) != null) && spend.isPresent()) {
            spentNanos += spend.getAsLong();
        }
    }

    /** Whether the window ended longer than the retention ago and nothing is held in it any more. */
    boolean evictable(Instant now) {
        return holds.isEmpty() && windowEnd.map(end -> end.plus(retention).isBefore(now)).orElse(false);
    }
}
