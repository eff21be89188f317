package dev.junction.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local ledger's tallies, one per account and window, kept while they matter: a window's tally is forgotten once
 * the window ended more than the retention ago and nothing is held in it. Thread safe.
 *
 * <p>Locking protocol: several tallies are locked in key order, so two callers cannot deadlock. The sweep only ever
 * tries a lock, and marks a tally {@linkplain WindowTally#retired retired} under its lock before removing it, so a
 * caller that found the tally just before can tell and fetch the new one.
 */
final class WindowTallies {

    /** One account's tally in one window. */
    record Key(String accountId, Instant windowStart) {
    }

    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    private static final Comparator<Key> LOCK_ORDER = Comparator.comparing(Key::accountId)
            .thenComparing(Key::windowStart);

    private final Map<Key, WindowTally> tallies = new ConcurrentHashMap<>();
    private final Duration retention;
    private final AtomicReference<Instant> nextSweep;

    WindowTallies(Duration retention, Instant now) {
        this.retention = retention;
        this.nextSweep = new AtomicReference<>(now.plus(SWEEP_INTERVAL));
    }

    /**
     * Locks the tallies of the keys of {@code windows}, creating missing ones for their window; the caller
     * {@linkplain #unlockAll unlocks} them.
     */
    Map<Key, WindowTally> lockAll(Map<Key, BudgetWindow> windows) {
        var ordered = windows.keySet().stream().sorted(LOCK_ORDER).toList();
        while (true) {
            Map<Key, WindowTally> locked = new LinkedHashMap<>();
            boolean stale = false;
            for (Key key : ordered) {
                WindowTally tally = tallies.computeIfAbsent(key,
                        k -> new WindowTally(windows.get(k).end(), retention));
                tally.lock.lock();
                locked.put(key, tally);
                if (tally.retired) {
                    stale = true;
                    break;
                }
            }
            if (!stale) {
                return locked;
            }
            unlockAll(locked);
        }
    }

    static void unlockAll(Map<Key, WindowTally> locked) {
        locked.values().forEach(t -> t.lock.unlock());
    }

    /** The tally of {@code key} if there is one, unlocked. */
    Optional<WindowTally> find(Key key) {
        return Optional.ofNullable(tallies.get(key));
    }

    /** At most once a minute, forgets the tallies of windows long over; never waits for a lock. */
    void sweepIfDue(Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            return;
        }
        tallies.forEach((key, tally) -> {
            if (!tally.lock.tryLock()) {
                return;
            }
            try {
                tally.purge(now);
                if (tally.evictable(now)) {
                    tally.retired = true;
                    tallies.remove(key, tally);
                }
            } finally {
                tally.lock.unlock();
            }
        });
    }

    /** How many tallies are kept. */
    int size() {
        return tallies.size();
    }
}
