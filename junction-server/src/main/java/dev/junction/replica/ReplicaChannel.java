package dev.junction.replica;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * One way for replicas to tell each other short messages: every message published reaches every replica subscribed
 * at the time, the sender included, at most once; none is kept for a replica that is away. Implementations reconnect
 * on their own. Thread safe: {@link #publish} never blocks, and the listener is called on the channel's own thread,
 * which it must not block.
 */
public interface ReplicaChannel extends AutoCloseable {

    /** Opens a channel that delivers every message it receives to {@code listener}; empty when it cannot be had. */
    @FunctionalInterface
    interface Opener {
        Optional<ReplicaChannel> open(Consumer<String> listener);
    }

    /** A short name for logs and {@code /ready}: {@code redis}, {@code postgresql}. */
    String name();

    /** Sends a message to every subscribed replica, without waiting; one that cannot be sent now is dropped. */
    void publish(String message);

    /** Whether messages are getting through now, as far as this replica can tell. */
    boolean connected();

    /** Stops listening and releases the connections. */
    @Override
    void close();
}
