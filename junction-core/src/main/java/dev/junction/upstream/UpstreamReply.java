package dev.junction.upstream;

import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.model.StreamEvent;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.Set;
import dev.junction.model.Usage;

/**
 * A successful upstream answer: a complete body or a stream whose first event has arrived. Failures are not
 * replies: the attempt's future fails with a {@link UpstreamFailure}.
 */
public sealed interface UpstreamReply {

    /** Request fields the adapter dropped for this provider, for the {@code X-Junction-Dropped} header. */
    Set<String> dropped();

    /** What the upstream's headers said about its remaining rate limits. */
    default RateLimitHeaders rateLimits() {
        return RateLimitHeaders.NONE;
    }

    /** A complete body in the upstream's dialect, {@code raw} for pass-through, with the usage it reports. */
    record Complete(Dialect dialect, Buffer raw, Usage usage, Set<String> dropped, RateLimitHeaders rateLimits)
            implements UpstreamReply {}

    /**
     * A complete answer produced in-process, already canonical. Streamed to a client that asked for a stream, its
     * text in word pieces with {@code pace} before each (zero: as fast as the client reads), as a cache replays hits.
     */
    record Synthesized(ChatResponse response, Set<String> dropped, Duration pace) implements UpstreamReply {

        /** An answer streamed at once when streamed. */
        public Synthesized(ChatResponse response, Set<String> dropped) {
            this(response, dropped, Duration.ZERO);
        }

        /** Checks the pace. */
        public Synthesized {
            if (pace.isNegative()) {
                throw new IllegalArgumentException("a negative pace");
            }
        }

        /** This answer with {@code other} in place of its response, dropping and pacing the same. */
        public Synthesized with(ChatResponse other) {
            return new Synthesized(other, dropped, pace);
        }
    }

    /** A stream in the upstream's dialect. */
    record WireStream(Dialect dialect, EventStream<SseEvent> events, Set<String> dropped,
                      RateLimitHeaders rateLimits) implements UpstreamReply {}

    /** A stream produced in-process, already canonical. */
    record CanonicalStream(EventStream<StreamEvent> events, Set<String> dropped) implements UpstreamReply {}
}
