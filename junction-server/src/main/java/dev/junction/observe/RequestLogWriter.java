package dev.junction.observe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's write-behind writer: event loops hand it finished requests, one thread of its own stores them in
 * batches through the {@link RequestLogSink}, and a spool directory on disk keeps them while the database is away
 * or the queue is full.
 *
 * <p><b>Threading.</b> {@link #offer} may be called from any thread, event loops included: it never blocks, never
 * takes a lock, never touches a file and never throws (when records are dropped it may log one warning per ten
 * seconds). {@link #stats} is the same (it reads counters). Everything else
 * happens on one daemon platform thread, {@code junction-log-writer} (a platform thread because JDBC drivers such
 * as SQLite's pin the carrier in native code): it waits up to {@code flushInterval} for {@code batchSize} records,
 * calls the sink, writes the spool and replays it. {@link #close} blocks its caller, so it must not run on an event
 * loop.
 *
 * <p><b>Where records go.</b> Queued records go to the sink in batches. When the queue is full they go to a bounded
 * overflow buffer that the writer thread moves to the spool. When a sink call fails the batch goes to the spool, the
 * database counts as down (one warning), and the writer retries it with a backoff (1 s doubling to 30 s) by
 * replaying the spool; while the spool holds anything, new batches join its end, so the database receives one
 * roughly chronological stream. Replay removes a chunk from the spool only after the sink stored it; a crash can
 * replay a chunk twice (duplicates, never loss). Records are dropped, counted and warned about (rate limited) only
 * when the spool is over its cap or failing, the overflow buffer is full, or they are offered after close.
 */
public final class RequestLogWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogWriter.class);

    private final RequestLogSink sink;
    private final WriterSettings settings;
    private final LogIntake intake;
    private final LogSpool spool;
    private final DatabaseHealth health;
    private final DropCounter drops = new DropCounter();
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final Thread thread;
    private volatile long stopAtNanos;
    private volatile boolean stopping;
    private Optional<SpoolChunk> pending = Optional.empty(); // read from the spool, not yet stored; writer thread only

    private RequestLogWriter(RequestLogSink sink, WriterSettings settings, DatabaseHealth health) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = settings;
        this.health = health;
        this.intake = new LogIntake(settings.queueCapacity(), settings.overflowCapacity(), settings.batchSize());
        this.spool = new LogSpool(settings.spoolDirectory(), settings.spoolMaxBytes(), new LoggedRequestCodec(),
                drops);
        this.thread = Thread.ofPlatform().name("junction-log-writer").daemon(true).unstarted(this::run);
    }

    /**
     * Starts a writer and its thread. Lists the spool directory on the calling thread; the writer thread first
     * replays whatever a previous run left there.
     */
    public static RequestLogWriter start(RequestLogSink sink, WriterSettings settings) {
        return start(sink, settings, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** As {@link #start(RequestLogSink, WriterSettings)}, with the retry backoff given (tests shorten it). */
    static RequestLogWriter start(RequestLogSink sink, WriterSettings settings, Duration initialBackoff,
                                  Duration maxBackoff) {
        RequestLogWriter writer = new RequestLogWriter(sink, settings, new DatabaseHealth(initialBackoff, maxBackoff));
        writer.thread.start();
        return writer;
    }

    /**
     * Hands a finished request to the writer. Non-blocking, O(1), never throws; safe on an event loop. The record
     * goes to the queue, or to the overflow buffer (and from there to the spool) when the queue is full, or is
     * counted as dropped when both are full or the writer is closed. A null record is ignored.
     */
    public void offer(LoggedRequest record) {
        if (record == null) {
            return;
        }
        try {
            if (!accepting.get()) {
                drops.drop(1, "the writer is closed");
                return;
            }
            LogIntake.Outcome outcome = intake.offer(record);
            if (outcome == LogIntake.Outcome.REJECTED) {
                drops.drop(1, "the queue and its overflow buffer are full");
            } else if (!accepting.get() && intake.withdraw(record, outcome)) {
                // close() raced us and the writer may have made its last sweep already: count it rather than lose it
                drops.drop(1, "the writer is closed");
            }
        } catch (RuntimeException e) {
            drops.drop(1, "offering failed: " + e);
        }
    }

    /** A snapshot of the writer's counters and the database's state; cheap, safe from any thread. */
    public WriterStats stats() {
        return new WriterStats(intake.size(), written.get(), spool.records(), spool.bytes(), drops.total(),
                health.up(), health.downSince());
    }

    /**
     * Stops accepting records and stores what is queued: through the sink while it is up and the spool is empty,
     * otherwise into the spool. What is still queued when the timeout runs out goes to the spool too, so a clean
     * shutdown loses nothing that was queued. Blocks for at most about the timeout (plus the time to write the
     * remainder to the spool); if the writer thread is then still inside a hung sink call, that one batch is
     * stored by the thread once the call returns, or lost if the process exits first. Idempotent.
     */
    public void close(Duration timeout) {
        if (!accepting.compareAndSet(true, false)) {
            return;
        }
        stopAtNanos = System.nanoTime() + saturatedNanos(timeout);
        stopping = true;
        LockSupport.unpark(thread); // a permit even if the thread is not parked yet: its next wait returns at once
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The request-log writer did not finish within {}; spooling the remaining records", timeout);
            spoolEverythingQueued();
            spool.close();
        }
    }

    private void run() {
        spool.countLeftovers();
        while (!stopping) {
            try {
                step();
            } catch (RuntimeException e) {
                LOG.error("The request-log writer failed a step; it carries on", e);
                intake.await(System.nanoTime() + settings.flushInterval().toNanos());
            }
        }
        try {
            drainBeforeDeadline();
        } finally {
            spoolEverythingQueued();
            spool.close();
        }
    }

    /** One round: wait for a batch (unless the spool can be replayed right away), store it, replay one chunk. */
    private void step() {
        if (!(hasBacklog() && health.attemptDue())) {
            long deadline = System.nanoTime() + settings.flushInterval().toNanos();
            if (!health.up() && health.nextAttemptNanos() - deadline < 0) {
                deadline = health.nextAttemptNanos();
            }
            intake.await(deadline);
        }
        spool.append(intake.drainOverflow(Integer.MAX_VALUE));
        List<LoggedRequest> batch = intake.drainQueue(settings.batchSize());
        if (!batch.isEmpty()) {
            deliver(batch);
        }
        if (hasBacklog() && health.attemptDue()) {
            replayOneChunk();
        }
    }

    /** Straight to the sink when nothing older waits in the spool and the sink may be tried; else to the spool. */
    private void deliver(List<LoggedRequest> batch) {
        if (hasBacklog() || !health.attemptDue() || !store(batch)) {
            spool.append(batch);
        }
    }

    private void replayOneChunk() {
        if (pending.isEmpty()) {
            pending = spool.read(settings.batchSize());
        }
        pending.filter(chunk -> chunk.records().isEmpty() || store(chunk.records())).ifPresent(chunk -> {
            spool.acknowledge(chunk);
            pending = Optional.empty();
        });
    }

    private boolean store(List<LoggedRequest> batch) {
        try {
            sink.write(batch);
        } catch (Exception e) {
            health.failed(e, settings.spoolDirectory());
            return false;
        }
        written.addAndGet(batch.size());
        health.succeeded(spool.records());
        return true;
    }

    private boolean hasBacklog() {
        return pending.isPresent() || !spool.isEmpty();
    }

    /** Shutdown: deliver the queue batch by batch until it is empty or the deadline passes. */
    private void drainBeforeDeadline() {
        while (System.nanoTime() - stopAtNanos < 0) {
            spool.append(intake.drainOverflow(Integer.MAX_VALUE));
            List<LoggedRequest> batch = intake.drainQueue(settings.batchSize());
            if (batch.isEmpty()) {
                return;
            }
            deliver(batch);
        }
    }

    private void spoolEverythingQueued() {
        spool.append(intake.drainOverflow(Integer.MAX_VALUE));
        for (List<LoggedRequest> batch = intake.drainQueue(settings.batchSize()); !batch.isEmpty();
                batch = intake.drainQueue(settings.batchSize())) {
            spool.append(batch);
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return Math.max(0, d.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
