package dev.junction.governance;

import dev.junction.store.Database;
import dev.junction.store.GovernanceStore;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Finds a virtual key that the published snapshot does not know, in the store itself: the snapshot of a replica may
 * be a moment behind the change that created the key. When the store has the key, the snapshot is brought up to the
 * store's revision (one coalesced load, which also seeds the ledger with the new budgets) and the key's grant is read
 * from it; so a new key is a cache miss here, never an unknown or anonymous caller.
 *
 * <p>Bounded, so that a flood of made-up keys cannot hammer the database: lookups of the same key share one query; at
 * most {@link #MAX_IN_FLIGHT} distinct keys are looked up at once (beyond that {@link #find} fails with
 * {@link Saturated}); and a key the store does not have is remembered as unknown for {@link #NEGATIVE_TTL}, up to
 * {@link #NEGATIVE_ENTRIES} keys. Thread safe; never blocks the caller: the query runs on the database's threads
 * ({@link Database#call}) and the future completes there.
 */
public final class KeyLookup {

    /** How many distinct keys may be looked up at once. */
    static final int MAX_IN_FLIGHT = 16;
    /** How long a key the store does not have is answered as unknown without asking again. */
    static final Duration NEGATIVE_TTL = Duration.ofSeconds(30);
    /** How many unknown keys are remembered; beyond it the oldest memories are dropped. */
    static final int NEGATIVE_ENTRIES = 10_000;

    /** Too many lookups are under way: the caller should answer "try again" rather than "unknown key". */
    public static final class Saturated extends RuntimeException {
        Saturated() {
            super("too many keys are being looked up at once", null, false, false);
        }
    }

    /**
     * What the lookups did so far, for {@code /ready}.
     *
     * @param storeQueries keys asked of the store
     * @param refusedBusy lookups turned away because {@link #MAX_IN_FLIGHT} were under way
     * @param rememberedUnknown keys remembered as unknown now
     */
    public record Stats(long storeQueries, long refusedBusy, int rememberedUnknown) {
    }

    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong refusedBusy = new AtomicLong();
    private final Database database;
    private final GovernanceStore store;
    private final SnapshotRefresher refresher;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, CompletableFuture<Optional<KeyGrant>>> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> unknownUntil = new ConcurrentHashMap<>();

    KeyLookup(Database database, GovernanceStore store, SnapshotRefresher refresher, LongSupplier nanoTime) {
        this.database = database;
        this.store = store;
        this.refresher = refresher;
        this.nanoTime = nanoTime;
    }

    /**
     * The grant of the key with this hash, as the snapshot shows it once it has caught up with the store; empty when
     * the store has no such key (or one the snapshot leaves out, such as a key whose user is gone).
     *
     * @return a future completed on a database thread; failed with {@link Saturated} when too many lookups run, or
     *     with the database's error when it cannot be asked
     */
    public CompletableFuture<Optional<KeyGrant>> find(String keyHash) {
        Long until = unknownUntil.get(keyHash);
        if (until != null) {
            if (until - nanoTime.getAsLong() > 0) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            unknownUntil.remove(keyHash, until);
        }
        CompletableFuture<Optional<KeyGrant>> running = inFlight.get(keyHash);
        if (running != null) {
            return running;
        }
        if (inFlight.size() >= MAX_IN_FLIGHT) {
            refusedBusy.incrementAndGet();
            return CompletableFuture.failedFuture(new Saturated());
        }
        CompletableFuture<Optional<KeyGrant>> mine = new CompletableFuture<>();
        running = inFlight.putIfAbsent(keyHash, mine);
        if (running != null) {
            return running;
        }
        queries.incrementAndGet();
        database.call(() -> revisionHolding(keyHash))
                .thenCompose(revision -> revision.isEmpty()
                        ? CompletableFuture.completedFuture(Optional.<KeyGrant>empty())
                        : refresher.atLeast(revision.getAsLong()).thenApply(s -> s.byHash(keyHash)))
                .whenComplete((grant, failure) -> {
                    inFlight.remove(keyHash, mine);
                    if (failure != null) {
                        mine.completeExceptionally(failure);
                        return;
                    }
                    if (grant.isEmpty()) {
                        rememberUnknown(keyHash);
                    }
                    mine.complete(grant);
                });
        return mine;
    }

    /** What the lookups did so far. */
    public Stats stats() {
        return new Stats(queries.get(), refusedBusy.get(), unknownUntil.size());
    }

    /** The store's revision once the key is read, when the store has it: a snapshot at it shows the key. Blocks. */
    private OptionalLong revisionHolding(String keyHash) {
        return store.keys().findByHash(keyHash).isPresent() ? OptionalLong.of(store.revision().current())
                : OptionalLong.empty();
    }

    private void rememberUnknown(String keyHash) {
        if (unknownUntil.size() >= NEGATIVE_ENTRIES) {
            long now = nanoTime.getAsLong();
            unknownUntil.values().removeIf(until -> until - now <= 0);
            if (unknownUntil.size() >= NEGATIVE_ENTRIES) {
                unknownUntil.clear(); // a flood of distinct keys: memory stays bounded, the in-flight cap still holds
            }
        }
        unknownUntil.put(keyHash, nanoTime.getAsLong() + NEGATIVE_TTL.toNanos());
    }
}
