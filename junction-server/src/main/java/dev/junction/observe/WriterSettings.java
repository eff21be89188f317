package dev.junction.observe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the request-log writer buffers, batches and spools.
 *
 * @param queueCapacity how many records wait in memory for the writer before new ones overflow to the spool
 * @param batchSize the most records handed to the sink in one call (and read from the spool in one chunk)
 * @param flushInterval the longest a record waits in memory when fewer than {@code batchSize} arrive
 * @param spoolDirectory where records go while the database is away or the queue is full
 * @param spoolMaxBytes the spool's size cap; records that would exceed it are dropped (and counted)
 */
public record WriterSettings(int queueCapacity, int batchSize, Duration flushInterval, Path spoolDirectory,
                             long spoolMaxBytes) {

    /** Default queue capacity. */
    public static final int DEFAULT_QUEUE_CAPACITY = 50_000;
    /** Default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Default flush interval. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(250);
    /** Default spool size cap: 1 GiB. */
    public static final long DEFAULT_SPOOL_MAX_BYTES = 1L << 30;

    /** Validates the settings. */
    public WriterSettings {
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        if (queueCapacity < 1 || batchSize < 1 || spoolMaxBytes < 1) {
            throw new IllegalArgumentException("queueCapacity, batchSize and spoolMaxBytes must be positive");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive");
        }
    }

    /** The defaults (50,000 queued, batches of 500, flush every 250 ms, a 1 GiB spool) with the given spool. */
    public static WriterSettings defaults(Path spoolDirectory) {
        return new WriterSettings(DEFAULT_QUEUE_CAPACITY, DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL, spoolDirectory,
                DEFAULT_SPOOL_MAX_BYTES);
    }

    /**
     * How many records the overflow buffer holds when the queue is full, until the writer thread moves them to the
     * spool: a tenth of the queue, at least one batch. It is bounded so that a writer stuck in a hung database call
     * cannot make memory grow without limit; beyond it records are dropped.
     */
    public int overflowCapacity() {
        return Math.max(batchSize, queueCapacity / 10);
    }
}
