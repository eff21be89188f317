package dev.junction.limit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local limiter's subject states, kept only while they matter: a subject whose buckets are full, holds no lease
 * and has not been used for two minutes is forgotten (forgetting it changes nothing), so memory stays flat however many
 * keys come and go. Thread safe.
 *
 * <p>Locking protocol: several states are locked in id order, so two callers cannot deadlock. The sweep only ever
 * tries a lock, and marks a state {@linkplain SubjectState#retired retired} under its lock before removing it, so a
 * caller that found the state just before can tell and fetch the new one.
 */
final class SubjectStates {

    private static final long SWEEP_INTERVAL_MICROS = TimeUnit.MINUTES.toMicros(1);
    private static final long IDLE_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final Map<String, SubjectState> states = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    SubjectStates(long now) {
        this.nextSweep = new AtomicLong(now + SWEEP_INTERVAL_MICROS);
    }

    /** Locks the states of {@code ids}, creating missing ones; the caller {@linkplain #unlockAll unlocks} them. */
    Map<String, SubjectState> lockAll(Collection<String> ids) {
        var ordered = ids.stream().sorted().distinct().toList();
        while (true) {
            Map<String, SubjectState> locked = new LinkedHashMap<>();
            boolean stale = false;
            for (String id : ordered) {
                SubjectState state = states.computeIfAbsent(id, k -> new SubjectState());
                state.lock.lock();
                locked.put(id, state);
                if (state.retired) {
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

    static void unlockAll(Map<String, SubjectState> locked) {
        locked.values().forEach(s -> s.lock.unlock());
    }

    /** The state of {@code id} if there is one, unlocked. */
    Optional<SubjectState> find(String id) {
        return Optional.ofNullable(states.get(id));
    }

    /** At most once a minute, forgets the idle subjects; never waits for a lock. */
    void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_MICROS)) {
            return;
        }
        states.forEach((id, state) -> {
            if (!state.lock.tryLock()) {
                return;
            }
            try {
                state.dropExpiredLeases(now);
                if (state.idleSince(now - IDLE_MICROS, now)) {
                    state.retired = true;
                    states.remove(id, state);
                }
            } finally {
                state.lock.unlock();
            }
        });
    }

    /** How many subjects are kept. */
    int size() {
        return states.size();
    }
}
