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
 * @param spoolDirectory the journal: every record is appended here before its response ends, and delivered to the
 *     database from here
 * @param spoolMaxBytes the journal's size cap; records that would exceed it are dropped (and counted)
 * @param sync when the journal forces its writes to the disk
 * @param maxWait the longest a response's end waits for its record to reach the journal; past it the response
 *     ends anyway and the wait is counted as late
 */
public record WriterSettings(int queueCapacity, int batchSize, Duration flushInterval, Path spoolDirectory,
                             long spoolMaxBytes, JournalSync sync, Duration maxWait) {

    /** Default queue capacity. */
    public static final int DEFAULT_QUEUE_CAPACITY = 50_000;
    /** Default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Default flush interval. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(250);
    /** Default spool size cap: 1 GiB. */
    public static final long DEFAULT_SPOOL_MAX_BYTES = 1L << 30;

    /** Default bound on a response's wait for the journal. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

    /** Validates the settings. */
    public WriterSettings {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        if (queueCapacity < 1 || batchSize < 1 || spoolMaxBytes < 1) {
            throw new IllegalArgumentException("queueCapacity, batchSize and spoolMaxBytes must be positive");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive");
        }
    }

    /** Settings with the default fsync policy and wait bound. */
    public WriterSettings(int queueCapacity, int batchSize, Duration flushInterval, Path spoolDirectory,
                          long spoolMaxBytes) {
        this(queueCapacity, batchSize, flushInterval, spoolDirectory, spoolMaxBytes, JournalSync.DEFAULT,
                DEFAULT_MAX_WAIT);
    }

    /** The defaults (50,000 queued, batches of 500, flush every 250 ms, a 1 GiB spool) with the given spool. */
    public static WriterSettings defaults(Path spoolDirectory) {
        return new WriterSettings(DEFAULT_QUEUE_CAPACITY, DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL, spoolDirectory,
                DEFAULT_SPOOL_MAX_BYTES);
    }

    /**
     * How many records the overflow buffer holds when the queue is full, until the journal thread moves them to the
     * journal: a tenth of the queue, at least one batch. It is bounded so that a writer stuck in a hung database call
     * cannot make memory grow without limit; beyond it records are dropped.
     */
    public int overflowCapacity() {
        return Math.max(batchSize, queueCapacity / 10);
    }
}
