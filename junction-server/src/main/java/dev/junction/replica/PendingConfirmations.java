package dev.junction.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The changes this replica waits to see confirmed: each waits for the replicas that were live when it was made and did
 * not serve its revision yet, until all of them say they do, leave, or the bound passes. Thread safe.
 */
final class PendingConfirmations {

    /** One change's wait; its sets are guarded by the instance. */
    private final class Wait {
        private final long revision;
        private final Set<String> awaited;
        private final List<String> confirmed;
        private final CompletableFuture<Confirmation> done = new CompletableFuture<>();

        Wait(long revision, Set<String> awaited, List<String> confirmed) {
            this.revision = revision;
            this.awaited = awaited;
            this.confirmed = confirmed;
        }

        synchronized boolean settle(String id, boolean confirms) {
            if (awaited.remove(id) && confirms) {
                confirmed.add(id);
            }
            return awaited.isEmpty();
        }

        synchronized Confirmation result() {
            return new Confirmation(revision, confirmed, List.copyOf(awaited), true);
        }
    }

    private final Set<Wait> waits = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    PendingConfirmations(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Waits until every live peer serves {@code revision}, or {@code bound} passes. */
    CompletableFuture<Confirmation> await(long revision, List<Peer> live, Duration bound) {
        Set<String> awaited = new LinkedHashSet<>();
        List<String> confirmed = new ArrayList<>();
        live.forEach(p -> (p.revision() >= revision ? confirmed : awaited).add(p.id()));
        Wait wait = new Wait(revision, awaited, confirmed);
        if (awaited.isEmpty()) {
            return CompletableFuture.completedFuture(wait.result());
        }
        waits.add(wait);
        timer.schedule(() -> finish(wait), bound.toMillis(), TimeUnit.MILLISECONDS);
        return wait.done;
    }

    /** A peer said it serves {@code revision}. */
    void serves(String id, long revision) {
        for (Wait wait : waits) {
            if (revision >= wait.revision && wait.settle(id, true)) {
                finish(wait);
            }
        }
    }

    /** A peer left: it is waited for no more. */
    void left(String id) {
        for (Wait wait : waits) {
            if (wait.settle(id, false)) {
                finish(wait);
            }
        }
    }

    private void finish(Wait wait) {
        if (waits.remove(wait)) {
            wait.done.complete(wait.result());
        }
    }
}
