package dev.junction.upstream;

import io.vertx.core.buffer.Buffer;

/**
 * How a streamed response body is cut into events: {@link SseParser} for {@code text/event-stream},
 * {@link NdjsonParser} for {@code application/x-ndjson}. One instance per stream; not thread safe.
 */
interface StreamFraming {

    /** Feeds bytes; complete events go to the sink at once. */
    void feed(Buffer chunk);

    /** Flushes a final event the body did not terminate. */
    void end();

    /** The framing of a 2xx streamed reply with this content type, if it is one the gateway reads. */
    static boolean streams(String contentType) {
        return contentType.startsWith("text/event-stream") || contentType.startsWith("application/x-ndjson");
    }
}
