package dev.junction.limit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local limiter's buckets and leases of one subject. Not thread safe by itself: every access holds {@link #lock}.
 * A state removed from the limiter's map is marked {@link #retired} under its lock first, so a caller that found it
 * before the removal notices and fetches the new one.
 */
final class SubjectState {

    /** Guards every field. */
    final ReentrantLock lock = new ReentrantLock();
    /** Set, under the lock, when the state is evicted; a retired state must not be changed. */
    boolean retired;
    final Bucket requests = new Bucket();
    final Bucket tokens = new Bucket();
    /** Active concurrency leases: lease id → expiry (microseconds). */
    final Map<String, Long> leases = new HashMap<>();
    /** When a request last touched the subject (microseconds). */
    long lastUsed;

    /** Drops the leases that have expired. */
    void dropExpiredLeases(long now) {
        leases.values().removeIf(expiry -> expiry <= now);
    }

    /**
     * Whether forgetting the subject changes nothing (buckets full, no lease) and it was not used since {@code since}.
     */
    boolean idleSince(long since, long now) {
        return lastUsed < since && requests.full(now) && tokens.full(now) && leases.isEmpty();
    }
}
