package dev.junction.governance;

import dev.junction.store.Database;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Loads the store into a new snapshot, one load at a time, on the database's threads, and answers everyone who waits
 * for one: {@link #atLeast} for a snapshot that shows a revision (a change another replica announced, a key the store
 * has and the snapshot not yet), {@link #reload} for a load that begins after the call. Requests made while a load
 * runs share the next one, so a burst of changes or of new keys costs two loads, not one per request.
 *
 * <p>Thread safe; never blocks the caller (the lock guards a few fields, never I/O). Futures complete on a database
 * thread: hop back to an event loop before touching its state.
 */
final class SnapshotRefresher {

    /** A wait: for a snapshot at {@code revision} at least, or (revision {@link #ANY}) for a load after the ask. */
    private record Wish(long revision, long loadsStartedBefore, CompletableFuture<GovernanceSnapshot> done) {
    }

    private static final long ANY = Long.MIN_VALUE;

    private final Database database;
    private final Callable<GovernanceSnapshot> load;
    private final Supplier<GovernanceSnapshot> current;
    private final Object lock = new Object();
    private final List<Wish> wishes = new ArrayList<>();
    private boolean loading;
    private long started;

    /**
     * @param load reads the store and publishes its snapshot, answering the snapshot published now (blocking)
     * @param current the snapshot published now
     */
    SnapshotRefresher(Database database, Callable<GovernanceSnapshot> load, Supplier<GovernanceSnapshot> current) {
        this.database = database;
        this.load = load;
        this.current = current;
    }

    /**
     * The published snapshot once it shows {@code revision} or a later one: at once when it already does. Fails when
     * a load begun after the call still finds an older revision (the store never had this one) or fails itself.
     */
    CompletableFuture<GovernanceSnapshot> atLeast(long revision) {
        GovernanceSnapshot now = current.get();
        return now.revision() >= revision ? CompletableFuture.completedFuture(now) : ask(revision);
    }

    /** The snapshot a load begun after this call published. */
    CompletableFuture<GovernanceSnapshot> reload() {
        return ask(ANY);
    }

    private CompletableFuture<GovernanceSnapshot> ask(long revision) {
        CompletableFuture<GovernanceSnapshot> done = new CompletableFuture<>();
        long start;
        synchronized (lock) {
            wishes.add(new Wish(revision, started, done));
            start = loading ? 0 : begin();
        }
        if (start > 0) {
            run(start);
        }
        return done;
    }

    /** Marks a load begun; guarded by the lock. */
    private long begin() {
        loading = true;
        return ++started;
    }

    private void run(long number) {
        database.call(load).whenComplete((snapshot, failure) -> finished(number, failure));
    }

    private void finished(long number, Throwable failure) {
        GovernanceSnapshot now = current.get();
        List<Wish> answered = new ArrayList<>();
        List<Wish> failed = new ArrayList<>();
        long next;
        synchronized (lock) {
            for (Iterator<Wish> it = wishes.iterator(); it.hasNext(); ) {
                Wish wish = it.next();
                boolean thisLoadCounts = wish.loadsStartedBefore() < number;
                if (failure == null && (wish.revision() == ANY ? thisLoadCounts : now.revision() >= wish.revision())) {
                    answered.add(wish);
                    it.remove();
                } else if (thisLoadCounts) {
                    failed.add(wish);
                    it.remove();
                }
            }
            next = wishes.isEmpty() ? 0 : begin();
            loading = next > 0;
        }
        answered.forEach(w -> w.done().complete(now));
        failed.forEach(w -> w.done().completeExceptionally(failure != null ? failure : new IllegalStateException(
                "the store is at revision " + now.revision() + ", not yet at " + w.revision())));
        if (next > 0) {
            run(next);
        }
    }
}
