package dev.junction.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's own thread, {@code junction-log-journal}: takes what event loops left in the intake, appends it to the
 * journal ({@link LogSpool}) in one {@code write(2)} per round (group commit: whatever arrived while the last round
 * wrote goes in the next), forces it to the disk as the {@link JournalSync} policy says, and only then tells each
 * record's waiter that it is written, so a response ends after its record is safe from a {@code kill -9}. Wakes the
 * delivery thread when a batch is waiting. The waiters' callbacks run on this thread and must only hand off (they
 * schedule work on the request's event loop).
 *
 * <p>Threading: {@link #start} and {@link #stop} are called by the {@link RequestLogWriter}; everything else runs on
 * the thread. {@link #stop} blocks until the thread has journaled everything offered before it.
 */
final class JournalAppender {

    private static final Logger LOG = LoggerFactory.getLogger(JournalAppender.class);
    private static final long IDLE_NANOS = 100_000_000L; // how often an idle thread checks for an interval fsync
    private static final int MAX_ROUND = 4096;

    /** A record waiting for the journal, and who to tell once it is written. */
    record Entry(LoggedRequest record, Runnable written) {}

    private final LogIntake<Entry> intake;
    private final LogSpool spool;
    private final JournalSync sync;
    private final int batchSize;
    private final Runnable batchReady;
    private final Thread thread;
    private volatile boolean stopping;
    private long lastSyncNanos = System.nanoTime();

    JournalAppender(LogIntake<Entry> intake, LogSpool spool, JournalSync sync, int batchSize, Runnable batchReady) {
        this.intake = intake;
        this.spool = spool;
        this.sync = sync;
        this.batchSize = batchSize;
        this.batchReady = batchReady;
        this.thread = Thread.ofPlatform().name("junction-log-journal").daemon(true).unstarted(this::run);
        spool.forceOnSeal(sync.policy() != JournalSync.Policy.NEVER);
    }

    void start() {
        thread.start();
    }

    /** Journals what is still in the intake, forces it unless the policy is {@code never}, and ends the thread. */
    void stop() {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!stopping) {
            try {
                intake.await(System.nanoTime() + IDLE_NANOS);
                round();
                syncIfDue();
            } catch (RuntimeException e) {
                LOG.error("The request-log journal failed a round; it carries on", e);
            }
        }
        while (round() > 0) {
            // journal everything offered before the stop
        }
        if (sync.policy() != JournalSync.Policy.NEVER) {
            spool.sync();
        }
    }

    /** Appends what the intake holds (up to a bound) and tells the waiters; the number of records. */
    private int round() {
        List<Entry> entries = new ArrayList<>(intake.drainOverflow(MAX_ROUND));
        entries.addAll(intake.drainQueue(MAX_ROUND - entries.size()));
        if (entries.isEmpty()) {
            return 0;
        }
        List<LoggedRequest> records = new ArrayList<>(entries.size());
        entries.forEach(e -> records.add(e.record()));
        try {
            spool.append(records);
            if (sync.policy() == JournalSync.Policy.ALWAYS) {
                spool.sync();
                lastSyncNanos = System.nanoTime();
            }
        } finally {
            // Written or counted as dropped: either way nobody waits any longer.
            entries.forEach(JournalAppender::tell);
        }
        if (spool.records() >= batchSize) {
            batchReady.run();
        }
        return entries.size();
    }

    private void syncIfDue() {
        if (sync.policy() == JournalSync.Policy.INTERVAL
                && System.nanoTime() - lastSyncNanos >= sync.interval().toNanos()) {
            spool.sync();
            lastSyncNanos = System.nanoTime();
        }
    }

    private static void tell(Entry entry) {
        try {
            entry.written().run();
        } catch (RuntimeException e) {
            LOG.warn("A request-log journal waiter failed: {}", e.toString());
        }
    }
}
