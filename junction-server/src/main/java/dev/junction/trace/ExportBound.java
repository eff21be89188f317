package dev.junction.trace;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bound on what waits for export, and the count of what was dropped: an item is admitted only while fewer than
 * {@code capacity} wait (queued, or in a batch not yet handed to the exporter); one not admitted, or one whose export
 * failed, is dropped and counted. Thread safe, lock free.
 */
final class ExportBound {

    private final long capacity;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    ExportBound(int capacity) {
        this.capacity = capacity;
    }

    /** Admits one item, or counts it dropped and says no. */
    boolean admit() {
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** {@code count} items were handed to the exporter. */
    void handedOver(int count) {
        pending.addAndGet(-count);
    }

    /** {@code count} items handed over could not be exported. */
    void failed(int count) {
        dropped.addAndGet(count);
    }

    long dropped() {
        return dropped.get();
    }

    long pending() {
        return pending.get();
    }

    /**
     * Runs an export of {@code count} items taken from the bound: they leave it now, and count as dropped if the
     * export fails.
     */
    CompletableResultCode export(int count, Supplier<CompletableResultCode> export) {
        handedOver(count);
        CompletableResultCode result = export.get();
        result.whenComplete(() -> {
            if (!result.isSuccess()) {
                failed(count);
            }
        });
        return result;
    }
}
