package dev.junction.pipeline;

import dev.junction.model.GatewayError;
import dev.junction.observe.RequestRecord;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a {@link Reply.Media} body to the client as it arrives: status 200 and the body's content type at once,
 * each chunk as it comes, the upstream paused while the client's socket is backed up. Nothing is buffered beyond
 * the socket's write queue. A body that fails midway has no error frame to send (audio has none): the response is
 * reset, so that the client sees a broken transfer rather than a short file, and the record keeps the error.
 * Confined to the request's event loop.
 */
final class MediaRelay {

    private MediaRelay() {}

    static void write(HttpServerResponse response, RequestRecord record, Reply.Media media) {
        response.setStatusCode(200).setChunked(true).putHeader("content-type", media.contentType());
        record.status(200);
        boolean[] started = {false};
        media.body().start(chunk -> {
            if (!started[0]) {
                started[0] = true;
                record.firstByte();
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                media.body().pause();
                response.drainHandler(v -> media.body().resume());
            }
        }, error -> fail(response, record, error), () -> {
            media.ended().run();
            if (!started[0]) {
                record.firstByte();
            }
            response.end();
        });
    }

    private static void fail(HttpServerResponse response, RequestRecord record, GatewayError error) {
        record.error(error);
        if (!response.ended() && !response.closed()) {
            response.reset();
        }
    }
}
