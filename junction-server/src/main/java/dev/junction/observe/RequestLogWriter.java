package dev.junction.observe;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's writer: event loops hand it finished requests; a journal thread appends every one to a local
 * append-only journal on disk (a directory of segment files, {@link LogSpool}); a delivery thread reads the journal
 * from its head and stores it through the {@link RequestLogSink} in batches, removing what the sink stored. A killed
 * process loses nothing that reached the journal (a restarted one delivers what its journal still holds), and a
 * database outage only makes the journal longer.
 *
 * <p><b>Threading.</b> {@link #offer} and {@link #journal} may be called from any thread, event loops included: they
 * never block, never take a lock, never touch a file and never throw (when records are dropped they may log one
 * warning per ten seconds). {@link #stats} is the same (it reads counters). The journal thread,
 * {@code junction-log-journal} ({@link JournalAppender}), writes the journal; the delivery thread,
 * {@code junction-log-writer} (platform threads, because JDBC drivers such as SQLite's pin the carrier in native
 * code), waits up to {@code flushInterval} for {@code batchSize} records and calls the sink. {@link #close} blocks
 * its caller, so it must not run on an event loop.
 *
 * <p><b>Delivery.</b> A chunk leaves the journal only after the sink stored it; a crash in between delivers it again
 * after the restart, so the sink must make a repeated entry a no-op ({@code JdbcRequestLogSink} does, by the request id
 * and start time). When a sink call fails the database counts as down (one warning) and the writer retries with a
 * backoff (1 s doubling to 30 s). Records are dropped, counted and warned about (rate limited) only when the journal
 * is over its cap or failing, the in-memory intake is full, or they are offered after close.
 */
public final class RequestLogWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogWriter.class);
    private static final Runnable NOBODY = () -> { };

    private final RequestLogSink sink;
    private final WriterSettings settings;
    private final LogIntake<JournalAppender.Entry> intake;
    private final LogSpool spool;
    private final JournalAppender appender;
    private final DatabaseHealth health;
    private final DropCounter drops = new DropCounter();
    private final DropCounter late = new DropCounter(
            "Ended {} responses before their request-log records reached the journal ({} in all): {}");
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final Thread thread;
    private volatile long stopAtNanos;
    private volatile boolean stopping;
    private Optional<SpoolChunk> pending = Optional.empty(); // read from the journal, not yet stored; delivery only

    private RequestLogWriter(RequestLogSink sink, WriterSettings settings, DatabaseHealth health) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = settings;
        this.health = health;
        // Woken by the first record: the journal thread writes as soon as anything waits (a response is held on it).
        this.intake = new LogIntake<>(settings.queueCapacity(), settings.overflowCapacity(), 1);
        this.spool = new LogSpool(settings.spoolDirectory(), settings.spoolMaxBytes(), new LoggedRequestCodec(),
                drops);
        this.thread = Thread.ofPlatform().name("junction-log-writer").daemon(true).unstarted(this::run);
        this.appender = new JournalAppender(intake, spool, settings.sync(), settings.batchSize(),
                () -> LockSupport.unpark(thread));
    }

    /**
     * Starts a writer and its threads. Lists the journal directory on the calling thread; the delivery thread first
     * delivers whatever a previous run left there.
     */
    public static RequestLogWriter start(RequestLogSink sink, WriterSettings settings) {
        return start(sink, settings, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** As {@link #start(RequestLogSink, WriterSettings)}, with the retry backoff given (tests shorten it). */
    static RequestLogWriter start(RequestLogSink sink, WriterSettings settings, Duration initialBackoff,
                                  Duration maxBackoff) {
        RequestLogWriter writer = new RequestLogWriter(sink, settings, new DatabaseHealth(initialBackoff, maxBackoff));
        writer.appender.start();
        writer.thread.start();
        return writer;
    }

    /** Hands a finished request to the writer without waiting for it; as {@link #journal}, minus the future. */
    public void offer(LoggedRequest record) {
        offer(record, NOBODY);
    }

    /**
     * Hands a finished request to the writer; the future completes on {@code context} once the record was written to
     * the journal (to the operating system; forced to the disk too under the {@code always} fsync policy), or was
     * dropped, or after the writer's {@code maxWait} (counted as late, warned about). It never fails. Call from the
     * request's event loop: the response's end waits for it.
     */
    public Future<Void> journal(LoggedRequest record, Context context) {
        return journal(record, context, NOBODY);
    }

    /**
     * As {@link #journal(LoggedRequest, Context)}, and runs {@code afterWritten} on the journal thread once the record
     * is in the journal or was dropped (not when the wait merely ran out): it must be quick and must not block.
     */
    public Future<Void> journal(LoggedRequest record, Context context, Runnable afterWritten) {
        Promise<Void> done = Promise.promise();
        Vertx vertx = context.owner();
        long timer = vertx.setTimer(Math.max(1, settings.maxWait().toMillis()), id -> {
            if (done.tryComplete()) {
                late.drop(1, "the journal did not answer within " + settings.maxWait());
            }
        });
        offer(record, () -> {
            try {
                afterWritten.run();
            } catch (RuntimeException e) {
                LOG.warn("What waited for a request-log record to be journaled failed", e);
            }
            context.runOnContext(v -> {
                if (done.tryComplete()) {
                    vertx.cancelTimer(timer);
                }
            });
        });
        return done.future();
    }

    private void offer(LoggedRequest record, Runnable written) {
        if (record == null) {
            written.run();
            return;
        }
        JournalAppender.Entry entry = new JournalAppender.Entry(record, written);
        try {
            if (!accepting.get()) {
                drop(entry, "the writer is closed");
                return;
            }
            LogIntake.Outcome outcome = intake.offer(entry);
            if (outcome == LogIntake.Outcome.REJECTED) {
                drop(entry, "the journal's intake is full");
            } else if (!accepting.get() && intake.withdraw(entry, outcome)) {
                // close() raced us and the journal may have made its last sweep already: count it rather than lose it
                drop(entry, "the writer is closed");
            }
        } catch (RuntimeException e) {
            drop(entry, "offering failed: " + e);
        }
    }

    private void drop(JournalAppender.Entry entry, String reason) {
        drops.drop(1, reason);
        entry.written().run();
    }

    /** A snapshot of the writer's counters and the database's state; cheap, safe from any thread. */
    public WriterStats stats() {
        return new WriterStats(intake.size(), written.get(), spool.records(), spool.bytes(), drops.total(),
                health.up(), health.downSince(), late.total());
    }

    /**
     * Whether the writer is above its high-water mark: the in-memory intake or the journal at 80% of its capacity,
     * so that records would soon be dropped. A load balancer should send this replica nothing new for a while.
     */
    public boolean aboveHighWater() {
        return intake.size() >= settings.queueCapacity() * 0.8 || spool.bytes() >= settings.spoolMaxBytes() * 0.8;
    }

    /**
     * Stops accepting records, journals what is queued (so a clean shutdown loses nothing), then delivers from the
     * journal until it is empty or the timeout runs out; what is left stays in the journal for the next start. Blocks
     * for about the timeout at most (plus the journal's last write). Idempotent.
     */
    public void close(Duration timeout) {
        if (!accepting.compareAndSet(true, false)) {
            return;
        }
        appender.stop();
        stopAtNanos = System.nanoTime() + saturatedNanos(timeout);
        stopping = true;
        LockSupport.unpark(thread); // a permit even if the thread is not parked yet: its next wait returns at once
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The request-log writer did not deliver its journal within {}; the next start delivers the rest",
                    timeout);
        }
        spool.close();
    }

    private void run() {
        spool.countLeftovers();
        while (!stopping) {
            try {
                if (!deliverOne()) {
                    awaitWork();
                }
            } catch (RuntimeException e) {
                LOG.error("The request-log writer failed a step; it carries on", e);
                LockSupport.parkNanos(this, settings.flushInterval().toNanos());
            }
        }
        while (System.nanoTime() - stopAtNanos < 0 && hasBacklog() && health.attemptDue() && deliverOne()) {
            // deliver until the journal is empty or the deadline passes
        }
    }

    /**
     * Stores one chunk from the head of the journal; whether the writer should go on at once (a full batch was
     * stored, or a full one waits) rather than wait for the flush interval.
     */
    private boolean deliverOne() {
        if (!hasBacklog() || !health.attemptDue()) {
            return false;
        }
        if (pending.isEmpty()) {
            pending = spool.read(settings.batchSize());
        }
        if (pending.isEmpty()) {
            return false;
        }
        SpoolChunk chunk = pending.get();
        if (!chunk.records().isEmpty() && !store(chunk.records())) {
            return false;
        }
        spool.acknowledge(chunk);
        pending = Optional.empty();
        return stopping || chunk.records().size() >= settings.batchSize() || spool.records() >= settings.batchSize();
    }

    /** Parks until the flush interval passes, the journal holds a batch, or the next retry is due. */
    private void awaitWork() {
        long wait = settings.flushInterval().toNanos();
        if (!health.up()) {
            wait = Math.min(wait, Math.max(0, health.nextAttemptNanos() - System.nanoTime()));
        }
        if (wait > 0 && spool.records() < settings.batchSize() && !stopping) {
            LockSupport.parkNanos(this, wait);
        }
    }

    private boolean store(java.util.List<LoggedRequest> batch) {
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

    private static long saturatedNanos(Duration d) {
        try {
            return Math.max(0, d.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
