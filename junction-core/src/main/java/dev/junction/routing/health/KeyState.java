package dev.junction.routing.health;

import dev.junction.provider.KeyPool.PooledKey;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;

/** One pooled key's state in a {@link KeyRing}. Thread safe: every method holds the monitor for a few assignments. */
final class KeyState {

    private long restUntilNanos = Long.MIN_VALUE;
    private long refusedUntilNanos = Long.MIN_VALUE;
    private boolean refused;
    private long picks;
    private long rateLimits;
    private long refusals;

    synchronized boolean usable(long now) {
        return now >= restUntilNanos && now >= refusedUntilNanos;
    }

    /** The earliest time the key is usable (in the past when it is now). */
    synchronized long usableAtNanos() {
        return Math.max(restUntilNanos, refusedUntilNanos);
    }

    synchronized void picked() {
        picks++;
    }

    synchronized void rest(long untilNanos) {
        rateLimits++;
        restUntilNanos = Math.max(restUntilNanos, untilNanos);
    }

    /** Sets the key aside; true when it was not refused before (the first refusal of a streak is worth a warning). */
    synchronized boolean refuse(long untilNanos) {
        refusals++;
        refusedUntilNanos = untilNanos;
        boolean first = !refused;
        refused = true;
        return first;
    }

    synchronized void succeeded() {
        refused = false;
    }

    synchronized KeyStatus status(String provider, PooledKey key, long now, LongFunction<Instant> instant) {
        String state = now < refusedUntilNanos ? "refused" : now < restUntilNanos ? "resting" : "active";
        Optional<Instant> until = state.equals("active") ? Optional.empty()
                : Optional.of(instant.apply(Math.max(restUntilNanos, refusedUntilNanos)));
        return new KeyStatus(provider, key.name(), key.weight(), state, until, picks, rateLimits, refusals);
    }
}
