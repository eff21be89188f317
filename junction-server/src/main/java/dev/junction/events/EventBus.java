package dev.junction.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each published event to every subscriber, synchronously, on the publisher's thread (often an event loop):
 * a subscriber must not block, only count or enqueue. A subscriber that throws is logged (once per minute at most) and
 * counted, and the others still get the event; the publisher never sees the failure. Thread safe; subscribing is rare,
 * publishing is cheap (one volatile read and a loop).
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private final List<Consumer<? super GatewayEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /** A handle to stop receiving events. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Calls {@code subscriber} with every event published from now on, until the subscription is closed. */
    public Subscription subscribe(Consumer<? super GatewayEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Calls {@code subscriber} with every event of {@code kind} (a class) published from now on. */
    public <T extends GatewayEvent> Subscription subscribe(Class<T> kind, Consumer<? super T> subscriber) {
        return subscribe(e -> {
            if (kind.isInstance(e)) {
                subscriber.accept(kind.cast(e));
            }
        });
    }

    /** Hands {@code event} to every subscriber. Never throws. */
    public void publish(GatewayEvent event) {
        for (Consumer<? super GatewayEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                long now = System.nanoTime();
                long last = lastLogged.get();
                if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
                    LOG.atWarn().addKeyValue("event", event.kind()).addKeyValue("failures", failures.get())
                            .log("An event subscriber failed: " + e);
                }
            }
        }
    }

    /** Whether anyone listens (a publisher may skip building an event nobody reads). */
    public boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    /** How many times a subscriber threw since start. */
    public long subscriberFailures() {
        return failures.get();
    }
}
