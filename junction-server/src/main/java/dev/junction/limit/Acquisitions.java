package dev.junction.limit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local limiter's record of the requests whose acquire was allowed and which have not been released yet: lease id
 * → expiry (microseconds, the lease's). A release {@linkplain #end ends} the record, so that a request finishing twice,
 * through two paths, gives back only once. A record lives as long as the request's lease: a request never released
 * (or released after its lease expired) gives back nothing. Expired records are swept once a minute, so memory stays
 * flat. Thread safe.
 */
final class Acquisitions {

    private static final long SWEEP_INTERVAL_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    Acquisitions(long now) {
        this.nextSweep = new AtomicLong(now + SWEEP_INTERVAL_MICROS);
    }

    /** Records an allowed acquire under {@code leaseId} until {@code expiry}; a later acquire of the id renews it. */
    void hold(String leaseId, long expiry) {
        held.put(leaseId, expiry);
    }

    /**
     * Ends the record of {@code leaseId}: whether it was held and unexpired at {@code now}. Of any number of calls for
     * one acquire, concurrent or not, exactly one answers {@code true}.
     */
    boolean end(String leaseId, long now) {
        Long expiry = held.remove(leaseId);
        return expiry != null && expiry > now;
    }

    /** At most once a minute, forgets the records whose lease has expired. */
    void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_MICROS)) {
            return;
        }
        held.values().removeIf(expiry -> expiry <= now);
    }

    /** How many records are kept. */
    int size() {
        return held.size();
    }
}
