package dev.junction.observe;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts request-log records that were lost and warns about them at most once per interval, with the number lost
 * since the last warning, so that a full disk does not also flood the log. Lock free; any thread may call it.
 */
final class DropCounter {

    private static final Logger LOG = LoggerFactory.getLogger(DropCounter.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String template;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong unreported = new AtomicLong();
    // Starts one interval in the past so that the first drop is reported at once.
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

    /** A counter of lost records. */
    DropCounter() {
        this("Dropped {} request-log records ({} in all): {}");
    }

    /** A counter that warns with {@code template}: the count since the last warning, the total, the reason. */
    DropCounter(String template) {
        this.template = template;
    }

    /** Counts {@code count} lost records; warns with {@code reason} unless a warning went out recently. */
    void drop(long count, String reason) {
        if (count <= 0) {
            return;
        }
        total.addAndGet(count);
        unreported.addAndGet(count);
        long last = lastWarnNanos.get();
        long now = System.nanoTime();
        if (now - last < WARN_INTERVAL_NANOS || !lastWarnNanos.compareAndSet(last, now)) {
            return;
        }
        LOG.warn(template, unreported.getAndSet(0), total.get(), reason);
    }

    /** Records lost so far. */
    long total() {
        return total.get();
    }
}
