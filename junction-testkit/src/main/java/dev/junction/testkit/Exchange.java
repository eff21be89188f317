package dev.junction.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request/response pair in flight. Writes the standard response headers of the request's dialect
 * ({@link WireHeaders}), runs delayed steps on Vert.x timers and notices when the client goes away
 * before the response ended, which it reports to {@link MockState#streamCancelled()}. Used only on the
 * request's event loop.
 */
final class Exchange {

    static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream; charset=utf-8");
    static final CharSequence GOOGLE_JSON = HttpHeaders.createOptimized("application/json; charset=UTF-8");
    static final CharSequence GOOGLE_EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");


    private final Vertx vertx;
    private final HttpServerResponse response;
    private final HttpConnection connection;
    private final MockState state;
    private final WireHeaders wireHeaders;
    private final long sequence;
    private final long arrivalNanos;
    private Future<Void> lastWrite;
    private boolean cutByServer;
    private boolean clientGone;

    Exchange(Vertx vertx, HttpServerRequest request, MockState state, WireHeaders wireHeaders, long sequence,
            long arrivalNanos) {
        this.vertx = vertx;
        this.response = request.response();
        this.connection = request.connection();
        this.state = state;
        this.wireHeaders = wireHeaders;
        this.sequence = sequence;
        this.arrivalNanos = arrivalNanos;
        // HTTP/1 reports a lost connection through closeHandler, HTTP/2 a stream reset through exceptionHandler.
        response.closeHandler(_ -> onConnectionLost());
        response.exceptionHandler(_ -> onConnectionLost());
    }

    long sequence() {
        return sequence;
    }

    /** {@return whether writing still makes sense: not ended, not cut, client still there} */
    boolean isOpen() {
        return !clientGone && !cutByServer && !response.ended() && !response.closed();
    }

    /** Runs the action after the delay on this event loop, or at once when the delay is zero. */
    void later(Duration delay, Runnable action) {
        // Round up: a sub-millisecond delay must still be a delay.
        long millis = delay.toMillis() + (delay.getNano() % 1_000_000 == 0 ? 0 : 1);
        if (millis == 0) {
            action.run();
        } else {
            vertx.setTimer(millis, _ -> action.run());
        }
    }

    /** Sends a whole response: status, standard headers, the behaviour's headers, and the body. */
    void respond(int status, CharSequence contentType, Map<String, String> extraHeaders, Buffer body) {
        if (isOpen()) {
            prepareHead(status, contentType, extraHeaders);
            response.end(body);
        }
    }

    /** Sends status and headers now for a chunked response whose body follows in {@link #write} calls. */
    void startChunked(int status, CharSequence contentType, Map<String, String> extraHeaders) {
        if (isOpen()) {
            prepareHead(status, contentType, extraHeaders);
            response.setChunked(true);
            lastWrite = response.writeHead();
        }
    }

    void write(Buffer chunk) {
        lastWrite = response.write(chunk);
    }

    void end() {
        response.end();
    }

    /**
     * Ends the response abruptly by closing the TCP connection, as a crashing upstream would; with
     * HTTP/2 that fails the other streams on the connection too. Closing waits for the data written so
     * far to reach the socket, since a close drops writes that are not flushed yet.
     */
    void cut() {
        cutByServer = true;
        if (lastWrite == null) {
            connection.close();
        } else {
            lastWrite.onComplete(_ -> connection.close());
        }
    }

    private void prepareHead(int status, CharSequence contentType, Map<String, String> extraHeaders) {
        var headers = response.setStatusCode(status).headers();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        wireHeaders.apply(headers, status, sequence, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrivalNanos));
        extraHeaders.forEach(headers::set);
    }

    private void onConnectionLost() {
        if (cutByServer || clientGone || response.ended()) {
            return;
        }
        clientGone = true;
        state.streamCancelled();
    }
}
