package dev.junction.endpoint;

import dev.junction.model.GatewayError;
import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.upstream.EventStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes bytes already in the client's format (speech audio, transcript events, a legacy completion's events, a
 * transcription's text) as they arrive: status 200 and the content type at once, each chunk as it comes, the
 * upstream paused while the client's socket is backed up, so nothing is buffered beyond the socket's write queue.
 * A body that fails midway has no error frame to send (audio has none): the response is reset, so that the client
 * sees a broken transfer rather than a short file, and the record keeps the error. {@code ended} runs once when the
 * body ended whole, for the usage the stream reported. Confined to the request's event loop.
 */
public final class MediaWriter implements Reply.Writer {

    private final String contentType;
    private final EventStream<Buffer> body;
    private final Runnable ended;

    public MediaWriter(String contentType, EventStream<Buffer> body, Runnable ended) {
        this.contentType = contentType;
        this.body = body;
        this.ended = ended;
    }

    /** The reply that relays {@code body} under {@code contentType}. */
    public static Reply reply(String contentType, EventStream<Buffer> body, Runnable ended) {
        return new Reply.Written(new MediaWriter(contentType, body, ended));
    }

    /** The reply of a body that is all here (a transcription's text), written at once. */
    public static Reply whole(String contentType, Buffer body) {
        return reply(contentType, new WholeBody(body), () -> { });
    }

    @Override
    public void write(Exchange exchange) {
        HttpServerResponse response = exchange.response();
        RequestRecord record = exchange.record();
        response.setStatusCode(200).setChunked(true).putHeader("content-type", contentType);
        record.status(200);
        boolean[] started = {false};
        body.start(chunk -> {
            if (!started[0]) {
                started[0] = true;
                record.firstByte();
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                body.pause();
                response.drainHandler(v -> body.resume());
            }
        }, error -> fail(response, record, error), () -> {
            ended.run();
            if (!started[0]) {
                record.firstByte();
            }
            response.end();
        });
    }

    @Override
    public void discard() {
        body.cancel();
    }

    private static void fail(HttpServerResponse response, RequestRecord record, GatewayError error) {
        record.error(error);
        if (!response.ended() && !response.closed()) {
            response.reset();
        }
    }
}
