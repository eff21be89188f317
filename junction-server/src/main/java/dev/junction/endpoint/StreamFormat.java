package dev.junction.endpoint;

import dev.junction.dialect.StreamEncoder;

/**
 * How an endpoint wants its chat stream written.
 *
 * @param encoder the encoder for this request
 * @param contentType the stream's content type
 * @param upstreamFraming whether the client reads the event stream an upstream of its own dialect sends, so that the
 *     upstream's bytes can go out as received; when not (a Gemini client without {@code alt=sse} wants a JSON array,
 *     the upstream always streams SSE), the stream is decoded and re-encoded
 */
public record StreamFormat(StreamEncoder encoder, String contentType, boolean upstreamFraming) {

    /** A format the client's own upstreams stream in. */
    public StreamFormat(StreamEncoder encoder, String contentType) {
        this(encoder, contentType, true);
    }
}
