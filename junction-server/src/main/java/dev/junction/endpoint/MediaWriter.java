package dev.junction.endpoint;

import dev.junction.model.GatewayError;
import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.upstream.EventStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes bytes already in the client's format (speech audio, transcript events, a legacy completion's events, a
 * transcription's text) as they arrive: status 200 and the content type at once, each chunk as it comes, the
 * upstream paused while the client's socket is backed up, so nothing is buffered beyond the socket's write queue.
 * A body that fails midway keeps the error in the record (the request log shows the failure, and budgets and limits
 * settle on a failed outcome as for a broken chat stream) and ends with the format's error frame when it has one
 * (OpenAI's {@code error} event, for transcript events), so that the client's SDK raises the error; audio has none,
 * so the response is reset and the client sees a broken transfer rather than a short file. {@code ended} runs once
 * when the body is over, whole or failed, for the usage the stream reported. Confined to the request's event loop.
 */
public final class MediaWriter implements Reply.Writer {

    private final String contentType;
    private final EventStream<Buffer> body;
    private final Runnable ended;
    private final Optional<Function<GatewayError, Buffer>> errorFrame;

    /**
     * @param errorFrame the frame that tells a failure in the body's own format; empty when it has none (audio)
     */
    public MediaWriter(String contentType, EventStream<Buffer> body, Runnable ended,
                       Optional<Function<GatewayError, Buffer>> errorFrame) {
        this.contentType = contentType;
        this.body = body;
        this.ended = ended;
        this.errorFrame = errorFrame;
    }

    /** The reply that relays {@code body} under {@code contentType}; a failure breaks the transfer off. */
    public static Reply reply(String contentType, EventStream<Buffer> body, Runnable ended) {
        return new Reply.Written(new MediaWriter(contentType, body, ended, Optional.empty()));
    }

    /** The reply that relays events under {@code contentType}; a failure ends them with {@code errorFrame}. */
    public static Reply events(String contentType, EventStream<Buffer> body, Runnable ended,
                               Function<GatewayError, Buffer> errorFrame) {
        return new Reply.Written(new MediaWriter(contentType, body, ended, Optional.of(errorFrame)));
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
        }, error -> {
            if (!started[0]) {
                record.firstByte();
            }
            fail(response, record, error);
        }, () -> {
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

    private void fail(HttpServerResponse response, RequestRecord record, GatewayError error) {
        record.error(error);
        ended.run();
        if (response.ended() || response.closed()) {
            return;
        }
        errorFrame.ifPresentOrElse(frame -> response.end(frame.apply(error)), response::reset);
    }
}
