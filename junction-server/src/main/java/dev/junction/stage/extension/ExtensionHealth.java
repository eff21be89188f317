package dev.junction.stage.extension;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How one running extension fares: its calls, failures and timeouts, its consecutive failures, and whether it is
 * disabled (after {@code disableAfter} failures in a row, until {@link #enable}). Thread safe: hooks report from event
 * loops and worker threads.
 */
final class ExtensionHealth {

    private final int disableAfter;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicInteger consecutive = new AtomicInteger();
    private final AtomicBoolean disabled = new AtomicBoolean();

    ExtensionHealth(int disableAfter) {
        this.disableAfter = disableAfter;
    }

    boolean disabled() {
        return disabled.get();
    }

    void succeeded() {
        calls.incrementAndGet();
        consecutive.set(0);
    }

    /** Counts a failure; true when it is the one that disabled the extension. */
    boolean failed(boolean timedOut) {
        calls.incrementAndGet();
        failures.incrementAndGet();
        if (timedOut) {
            timeouts.incrementAndGet();
        }
        return consecutive.incrementAndGet() >= disableAfter && disabled.compareAndSet(false, true);
    }

    /** Enables the extension again with a clean streak; true when it was disabled. */
    boolean enable() {
        consecutive.set(0);
        return disabled.compareAndSet(true, false);
    }

    long calls() {
        return calls.get();
    }

    long failures() {
        return failures.get();
    }

    long timeouts() {
        return timeouts.get();
    }

    int consecutiveFailures() {
        return consecutive.get();
    }
}
