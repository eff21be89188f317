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
     * ended, when the events that report usage have passed.
     */
    record Streamed(String contentType, EventStream<Buffer> body, Supplier<AudioMetering> metering)
            implements AudioAnswer {}
}
