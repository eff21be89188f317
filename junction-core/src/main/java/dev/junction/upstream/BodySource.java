package dev.junction.upstream;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * A request body sent as it is read rather than held in memory (an audio upload streamed from its temporary file).
 * Each attempt writes it anew, so failover can resend it. Implementations are immutable; {@link #writeTo} runs on the
 * attempt's event loop and never blocks.
 */
public interface BodySource {

    /** The body's exact length in bytes, sent as {@code content-length}. */
    long length();

    /** The body's content type, such as {@code multipart/form-data; boundary=…}. */
    String contentType();

    /**
     * Writes the whole body to {@code out}, honouring its back-pressure, without ending it. The future fails when the
     * body cannot be read (the file is gone).
     */
    Future<Void> writeTo(WriteStream<Buffer> out);
}
