package dev.junction.cache.semantic;

import dev.junction.cache.CacheScope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic cache of one replica: its {@link SemanticIndex}, run on a thread of its own (Lucene's calls block on
 * the disk now and then; the event loops only wait for stages), committed every few seconds and purged of expired
 * entries, and, when the replicas share Redis, kept in step with the others through a {@link SemanticStream}: what
 * this replica stores it appends, what the others append it reads, several times a second, from the position the
 * index recorded. The index opens on first use, or at once when {@link #open} is called (a gateway that configures a
 * semantic lookup: it then follows the stream from start-up). Thread safe.
 */
public final class SemanticCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SemanticCache.class);
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration COMMIT = Duration.ofSeconds(5);

    private final ScheduledExecutorService worker;
    private final Supplier<SemanticIndex> opener;
    private final Optional<SemanticStream> stream;
    private final Clock clock;
    private SemanticIndex index; // the worker's
    private volatile boolean closed;
    private volatile boolean readFailing;

    /**
     * @param opener opens the index (called once, on the worker)
     * @param stream the stream shared with the other replicas, when they share Redis
     */
    public SemanticCache(Supplier<SemanticIndex> opener, Optional<SemanticStream> stream, Clock clock) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "junction-semantic-cache");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = executor;
        this.opener = opener;
        this.stream = stream;
        this.clock = clock;
    }

    /** Opens the index now (in the background) and starts following the stream. */
    public void open() {
        worker.execute(this::index);
    }

    private SemanticIndex index() {
        if (index == null) {
            index = opener.get();
            worker.scheduleWithFixedDelay(this::maintain, COMMIT.toMillis(), COMMIT.toMillis(),
                    TimeUnit.MILLISECONDS);
            stream.ifPresent(s -> catchUp(s, true));
        }
        return index;
    }

    private void maintain() {
        if (closed) {
            return;
        }
        try {
            index.purge(clock.instant());
            index.commit();
        } catch (RuntimeException e) {
            LOG.warn("The semantic cache's index could not be committed", e);
        }
    }

    /**
     * Reads the stream from the index's position; at start-up it waits for the first batches (so the index is in
     * step before it answers), afterwards it schedules the next read when one is done.
     */
    private void catchUp(SemanticStream s, boolean waiting) {
        if (closed) {
            return;
        }
        if (waiting) {
            try {
                List<SemanticStream.Message> messages;
                do {
                    messages = s.after(index.position()).toCompletableFuture().get(2, TimeUnit.SECONDS);
                    apply(messages);
                } while (messages.size() >= 200);
            } catch (Exception e) {
                LOG.warn("The semantic cache could not read the replicas' stream at start-up; following it later",
                        e);
            }
            worker.schedule(() -> catchUp(s, false), POLL.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        s.after(index.position()).whenComplete((messages, error) -> {
            if (closed) {
                return;
            }
            if (error != null) {
                if (!readFailing) {
                    LOG.warn("The semantic cache's stream could not be read; trying again", error);
                }
                readFailing = true;
                worker.schedule(() -> catchUp(s, false), POLL.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            readFailing = false;
            worker.execute(() -> {
                apply(messages);
                worker.schedule(() -> catchUp(s, false), messages.isEmpty() ? POLL.toMillis() : 0,
                        TimeUnit.MILLISECONDS);
            });
        });
    }

    private void apply(List<SemanticStream.Message> messages) {
        for (SemanticStream.Message message : messages) {
            try {
                switch (message) {
                    case SemanticStream.Message.Stored stored -> {
                        if (stored.entry().answer().freshAt(clock.instant())) {
                            index.put(stored.entry());
                        }
                    }
                    case SemanticStream.Message.Dropped dropped -> index.evict(dropped.scope());
                    case SemanticStream.Message.DroppedKey dropped -> index.evictKey(dropped.keyId());
                    case SemanticStream.Message.Unreadable unreadable -> { }
                }
            } catch (RuntimeException e) {
                LOG.warn("A semantic cache entry from the replicas' stream could not be indexed", e);
            }
            index.position(message.position());
        }
    }

    /** Runs {@code task} on the index's thread; fails (never throws) once the cache is closed. */
    private <T> CompletionStage<T> on(Supplier<T> task) {
        try {
            return CompletableFuture.supplyAsync(task, worker);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the semantic cache is closed", e));
        }
    }

    /** The entry of {@code partition} nearest to {@code vector} that is still fresh, if any. */
    public CompletionStage<Optional<SemanticMatch>> nearest(String partition, float[] vector) {
        return on(() -> index().nearest(partition, vector, clock.instant()));
    }

    /** Stores {@code entry} here and, with Redis, for the other replicas. */
    public CompletionStage<Void> put(SemanticEntry entry) {
        return on(() -> {
            index().put(entry);
            return null;
        }).thenCompose(done -> stream.map(s -> s.append(entry))
                .orElseGet(() -> CompletableFuture.completedFuture(null)));
    }

    /** Drops {@code scope}'s entries here and, with Redis, on the other replicas; answers how many were here. */
    public CompletionStage<Long> evict(CacheScope scope) {
        return on(() -> index().evict(scope)).thenCompose(count -> stream
                .map(s -> s.appendDrop(scope).thenApply(done -> count))
                .orElseGet(() -> CompletableFuture.completedFuture(count)));
    }

    /** Drops the virtual key {@code keyId}'s key-scope entries here and on the other replicas. */
    public CompletionStage<Long> evictKey(String keyId) {
        return on(() -> index().evictKey(keyId)).thenCompose(count -> stream
                .map(s -> s.appendDropKey(keyId).thenApply(done -> count))
                .orElseGet(() -> CompletableFuture.completedFuture(count)));
    }

    /** Entries in this replica's index. */
    public CompletionStage<Long> size() {
        return on(() -> index().size());
    }

    /** Commits the index and stops; blocks briefly (shutdown). */
    @Override
    public void close() {
        closed = true;
        try {
            worker.submit(() -> {
                if (index != null) {
                    index.close();
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("The semantic cache's index could not be closed cleanly", e);
        }
        worker.shutdownNow();
        stream.ifPresent(SemanticStream::close);
    }
}
