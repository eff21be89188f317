package dev.junction.replica;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * The other replicas this one has heard from, with the newest revision each said it serves. A replica is live while it
 * was heard from within {@code liveFor} (every replica sends its state once a heartbeat); one that said goodbye is
 * forgotten at once. Thread safe.
 */
final class Peers {

    private final ConcurrentMap<String, Peer> peers = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final long liveForNanos;

    Peers(Duration liveFor, LongSupplier nanoTime) {
        this.liveForNanos = liveFor.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A replica said it serves {@code revision} (-1 when the message said nothing of its own revision). */
    void heard(String id, long revision) {
        long now = nanoTime.getAsLong();
        peers.merge(id, new Peer(id, revision, now),
                (old, fresh) -> new Peer(id, Math.max(old.revision(), fresh.revision()), now));
    }

    /** A replica said goodbye. */
    void left(String id) {
        peers.remove(id);
    }

    /** The replicas heard from within the liveness bound, by id; those silent for ten times as long are forgotten. */
    List<Peer> live() {
        long now = nanoTime.getAsLong();
        peers.values().removeIf(p -> now - p.heardAtNanos() > 10 * liveForNanos);
        return peers.values().stream().filter(p -> now - p.heardAtNanos() <= liveForNanos)
                .sorted(Comparator.comparing(Peer::id)).toList();
    }
}
