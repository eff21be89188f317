package dev.junction.dialect;

import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.upstream.SseEvent;
import java.util.List;
import java.util.Optional;

/**
 * Watches a stream relayed byte-for-byte to a client of the upstream's own dialect (the fast path): it finds the
 * usage, the terminal event and in-stream errors while parsing as little as possible (most events are checked on
 * their bytes only). One instance per stream; confined to the stream's event loop.
 */
public interface PassThroughWatcher {

    /** Looks at one event before it is forwarded. */
    void observe(SseEvent event);

    /** The usage reported so far (the last report wins, merged with earlier partial ones where the dialect splits it). */
    Usage usage();

    /** The in-stream error the upstream sent, if any; its message is redacted. */
    Optional<GatewayError> error();

    /** Whether the stream's terminal event was seen; a stream that ends without one was cut. */
    boolean complete();

    /** Why the model stopped, one per choice (candidate) in the order the stream told them; empty until it did. */
    List<FinishReason> finishReasons();

    /**
     * Whether the event just observed exists only because the gateway asked for it on its own account (OpenAI's
     * usage chunk, requested so that every stream can be accounted for), and should be withheld from a client that
     * did not ask for it.
     */
    default boolean lastWasForTheGateway() {
        return false;
    }
}
