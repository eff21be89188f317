package dev.junction.testkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The state one mock upstream shares between all its server instances (event loops) and the test
 * thread: the behaviour queue, recorded requests, issued thought signatures and counters. Thread-safe.
 */
final class MockState {

    private final boolean recordRequests;
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder requestCount = new LongAdder();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final List<RecordedRequest> recorded = new ArrayList<>();
    private final Object cancelMonitor = new Object();
    private final IssuedSignatures signatures = new IssuedSignatures();
    private final EntraTokens entraTokens = new EntraTokens();
    private final GoogleTokenEndpoint googleTokens = new GoogleTokenEndpoint();
    private volatile Behavior fallback = Behavior.ok();
    private final List<ReceivedAudio> audioUploads = new java.util.ArrayList<>();
    private int cancelledStreams;

    MockState(boolean recordRequests) {
        this.recordRequests = recordRequests;
    }

    /** Counts a new request and returns its sequence number, 1-based, unique for the mock's lifetime. */
    long arrive() {
        requestCount.increment();
        return sequence.incrementAndGet();
    }

    /** {@return the thought signatures issued since start or the last reset} */
    IssuedSignatures signatures() {
        return signatures;
    }

    EntraTokens entraTokens() {
        return entraTokens;
    }

    /** {@return the Google token endpoint's state: trusted keys and issued tokens, kept across resets} */
    GoogleTokenEndpoint googleTokens() {
        return googleTokens;
    }

    boolean recordsRequests() {
        return recordRequests;
    }

    void received(ReceivedAudio audio) {
        synchronized (audioUploads) {
            audioUploads.add(audio);
        }
    }

    List<ReceivedAudio> receivedAudio() {
        synchronized (audioUploads) {
            return List.copyOf(audioUploads);
        }
    }

    void record(RecordedRequest request) {
        synchronized (recorded) {
            recorded.add(request);
        }
    }

    List<RecordedRequest> requests() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    Optional<RecordedRequest> lastRequest() {
        synchronized (recorded) {
            return recorded.isEmpty() ? Optional.empty() : Optional.of(recorded.getLast());
        }
    }

    long requestCount() {
        return requestCount.sum();
    }

    void enqueue(Behavior behavior) {
        Objects.requireNonNull(behavior, "behavior");
        synchronized (queue) {
            queue.addLast(new Pending(behavior));
        }
    }

    void setDefault(Behavior behavior) {
        fallback = Objects.requireNonNull(behavior, "behavior");
    }

    /** Takes the behaviour for the next generation request: the queue head, else the default. */
    Behavior nextBehavior() {
        synchronized (queue) {
            Pending head = queue.peekFirst();
            if (head == null) {
                return fallback;
            }
            if (--head.remaining == 0) {
                queue.removeFirst();
            }
            return head.behavior;
        }
    }

    void streamCancelled() {
        synchronized (cancelMonitor) {
            cancelledStreams++;
            cancelMonitor.notifyAll();
        }
    }

    int cancelledStreams() {
        synchronized (cancelMonitor) {
            return cancelledStreams;
        }
    }

    boolean awaitCancelledStreams(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (cancelMonitor) {
            while (cancelledStreams < count) {
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0) {
                    return false;
                }
                Duration remaining = Duration.ofNanos(remainingNanos);
                cancelMonitor.wait(remaining.toMillis(), remaining.toNanosPart() % 1_000_000);
            }
            return true;
        }
    }

    /**
     * Clears queue, default, recorded requests, issued signatures and counters; sequence numbers keep
     * increasing.
     */
    void reset() {
        synchronized (queue) {
            queue.clear();
        }
        fallback = Behavior.ok();
        synchronized (recorded) {
            recorded.clear();
        }
        synchronized (audioUploads) {
            audioUploads.clear();
        }
        requestCount.reset();
        signatures.clear();
        synchronized (cancelMonitor) {
            cancelledStreams = 0;
        }
    }

    /** A queued behaviour and how many more requests it serves; guarded by the queue's monitor. */
    private static final class Pending {
        private final Behavior behavior;
        private int remaining;

        private Pending(Behavior behavior) {
            this.behavior = behavior;
            this.remaining = behavior.times();
        }
    }
}
