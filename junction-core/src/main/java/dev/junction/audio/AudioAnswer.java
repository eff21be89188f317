package dev.junction.audio;

import dev.junction.upstream.EventStream;
import io.vertx.core.buffer.Buffer;
import java.util.function.Supplier;

/**
 * A successful audio answer, in the client's format already (OpenAI's): a whole body, or bytes relayed as the
 * upstream sends them. Closed.
 */
public sealed interface AudioAnswer {

    /** The content type to answer with (the upstream's, for relayed audio). */
    String contentType();

    /** A complete body (a transcription's JSON or text) and what it consumed. */
    record Whole(String contentType, Buffer body, AudioMetering metering) implements AudioAnswer {}

    /**
     * A body relayed as it arrives (speech audio, transcript events); {@code metering} is asked once the stream
     * ended, when the events that report usage have passed (or once it failed, for what it reported before).
     *
     * @param events whether the body is OpenAI's server-sent events (transcript events), so that a failure midway
     *     ends it with OpenAI's error event; raw audio has no error frame, and its transfer is broken off instead
     */
    record Streamed(String contentType, EventStream<Buffer> body, Supplier<AudioMetering> metering, boolean events)
            implements AudioAnswer {

        /** Raw bytes (audio), without an error frame. */
        public Streamed(String contentType, EventStream<Buffer> body, Supplier<AudioMetering> metering) {
            this(contentType, body, metering, false);
        }
    }
}
