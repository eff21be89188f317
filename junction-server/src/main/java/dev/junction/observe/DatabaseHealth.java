package dev.junction.observe;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the request-log sink is reachable, and when to try it again while it is not: the first retry after
 * {@code initialBackoff}, each next one after twice as long, up to {@code maxBackoff}. Logs one warning when the
 * sink goes away and one info when it is back, not one per batch. Updated by the writer thread only; the state is
 * readable from any thread.
 */
final class DatabaseHealth {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private volatile Optional<Instant> downSince = Optional.empty();
    private Duration backoff;
    private long nextAttemptNanos;

    DatabaseHealth(Duration initialBackoff, Duration maxBackoff) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.backoff = initialBackoff;
    }

    /** Whether the last sink call succeeded (true before the first). */
    boolean up() {
        return downSince.isEmpty();
    }

    /** When the sink started failing, while it is down. */
    Optional<Instant> downSince() {
        return downSince;
    }

    /** Whether the sink may be called now: it is up, or the backoff has run out. */
    boolean attemptDue() {
        return up() || System.nanoTime() - nextAttemptNanos >= 0;
    }

    /** When the next attempt is due, as a {@link System#nanoTime} value; meaningful while down. */
    long nextAttemptNanos() {
        return nextAttemptNanos;
    }

    /** A sink call succeeded. */
    void succeeded(long spooledRecords) {
        Optional<Instant> since = downSince;
        if (since.isEmpty()) {
            return;
        }
        downSince = Optional.empty();
        backoff = initialBackoff;
        LOG.info("The request-log database is back after {}; replaying {} spooled records",
                Duration.between(since.get(), Instant.now()), spooledRecords);
    }

    /** A sink call failed; the next attempt waits for the backoff. */
    void failed(Exception cause, Path spool) {
        if (up()) {
            downSince = Optional.of(Instant.now());
            backoff = initialBackoff;
            LOG.warn("The request-log database is unreachable ({}); request records go to the spool at {} until it"
                    + " is back", cause.toString(), spool);
        }
        nextAttemptNanos = System.nanoTime() + backoff.toNanos();
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }
}
