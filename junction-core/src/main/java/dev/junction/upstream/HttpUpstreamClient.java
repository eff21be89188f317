package dev.junction.upstream;

import dev.junction.model.GatewayError;
import dev.junction.provider.CaBundle;
import dev.junction.provider.Timeouts;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The gateway's HTTP client for upstream calls: pooled keep-alive connections (HTTP/2 over TLS when the upstream
 * offers it by ALPN, else HTTP/1.1), and the four timeouts of {@link Timeouts} enforced per attempt. Thread safe; one
 * per process.
 *
 * <p>TLS servers are verified against the JVM's trust store, or against a provider's own {@link CaBundle}: each
 * bundle gets a connection pool of its own, made on first use and kept until {@link #close} (a configuration reload
 * that keeps the bundle keeps the pool).
 *
 * <p>A reply with status ≥ 400 is read whole and returned, not failed: classifying it is the dialect's job. Network
 * failures and timeouts fail the future with an {@link UpstreamFailure} whose message names the provider but not
 * the upstream's host or port; those are logged ({@link NetworkErrors}).
 */
public final class HttpUpstreamClient {

    private final Vertx vertx;
    private final PoolOptions pool;
    private final HttpClientAgent plain;
    private final HttpClientAgent tls;
    private final Map<CaBundle, HttpClientAgent> tlsByCa = new ConcurrentHashMap<>();
    private final UpstreamUrls urls = new UpstreamUrls();
    private final List<Consumer<Exchange>> unauthorized = new CopyOnWriteArrayList<>();

    public HttpUpstreamClient(Vertx vertx, int maxConnectionsPerHost) {
        this.vertx = vertx;
        this.pool = new PoolOptions().setHttp1MaxSize(maxConnectionsPerHost).setHttp2MaxSize(
                Math.max(1, maxConnectionsPerHost / 64)).setMaxWaitQueueSize(-1);
        this.plain = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setDecompressionSupported(true), pool);
        this.tls = vertx.createHttpClient(tlsOptions(), pool);
    }

    /** HTTP/2 when the server offers it by ALPN, HTTP/1.1 otherwise; the host name is verified. */
    private static HttpClientOptions tlsOptions() {
        return new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setDecompressionSupported(true)
                .setSsl(true).setVerifyHost(true).setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2);
    }

    /**
     * What to send.
     *
     * @param caBundle for an {@code https} URL, the certificates to verify the server against instead of the JVM's
     *     trust store
     * @param upload a body streamed as it is read (an audio upload), sent instead of {@code body} when present
     */
    public record Exchange(String url, MultiMap headers, Buffer body, boolean stream, String provider,
                           Optional<CaBundle> caBundle, StreamFraming framing, Optional<BodySource> upload) {

        /** An exchange that sends {@code body} and reads its reply whole or as a stream of {@code framing}. */
        public Exchange(String url, MultiMap headers, Buffer body, boolean stream, String provider,
                        Optional<CaBundle> caBundle, StreamFraming framing) {
            this(url, headers, body, stream, provider, caBundle, framing, Optional.empty());
        }

        /** An exchange whose stream, if any, is server-sent events. */
        public Exchange(String url, MultiMap headers, Buffer body, boolean stream, String provider,
                        Optional<CaBundle> caBundle) {
            this(url, headers, body, stream, provider, caBundle, StreamFraming.SSE);
        }

        /** An exchange whose TLS server, if any, is verified against the JVM's trust store. */
        public Exchange(String url, MultiMap headers, Buffer body, boolean stream, String provider) {
            this(url, headers, body, stream, provider, Optional.empty());
        }

        /** This exchange sending {@code source} as its body, streamed, with the source's content type. */
        public Exchange uploading(BodySource source) {
            headers.set("content-type", source.contentType());
            return new Exchange(url, headers, Buffer.buffer(), stream, provider, caBundle, framing,
                    Optional.of(source));
        }
    }

    /** What came back. */
    public sealed interface Reply {
        int status();

        MultiMap headers();

        /** A whole body: any non-stream reply, and every error reply. */
        record Body(int status, MultiMap headers, Buffer body) implements Reply, Relayed {}

        /** A 2xx event stream whose first event has arrived. */
        record Stream(int status, MultiMap headers, EventStream<SseEvent> events) implements Reply {}
    }

    /** What came back from {@link #relay}: an error reply read whole, or a 2xx reply whose body flows as bytes. */
    public sealed interface Relayed permits Reply.Body, Bytes {
        int status();

        MultiMap headers();
    }

    /** A 2xx reply whose head has arrived; its body flows once {@code body} is started. */
    public record Bytes(int status, MultiMap headers, EventStream<Buffer> body) implements Relayed {}

    /**
     * Tells {@code listener} of every exchange the upstream answered 401, before the reply is returned, so that a
     * cached credential it refused is dropped ({@link BearerTokens#unauthorized}). The listener must not block.
     */
    public void onUnauthorized(Consumer<Exchange> listener) {
        unauthorized.add(listener);
    }

    /** Sends the exchange under the given limits; {@code cancellation} aborts it at any point. */
    public Future<Reply> send(Exchange exchange, Timeouts timeouts, Cancellation cancellation) {
        return start(exchange, timeouts, cancellation, false).map(Reply.class::cast);
    }

    /**
     * Sends the exchange and relays a 2xx reply's body as bytes as they arrive (audio), its idle timeout watched;
     * error replies are read whole. {@code cancellation} aborts it at any point.
     */
    public Future<Relayed> relay(Exchange exchange, Timeouts timeouts, Cancellation cancellation) {
        return start(exchange, timeouts, cancellation, true).map(Relayed.class::cast);
    }

    private Future<Object> start(Exchange exchange, Timeouts timeouts, Cancellation cancellation, boolean bytes) {
        Promise<Object> promise = Promise.promise();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST);
        urls.of(exchange.url()).ifPresentOrElse(options::setAbsoluteURI, () -> options.setAbsoluteURI(exchange.url()));
        options.setHeaders(exchange.headers()).setConnectTimeout(timeouts.connect().toMillis());
        HttpClientAgent client = agentFor(exchange);
        Attempt attempt = new Attempt(exchange, timeouts, promise, bytes);
        cancellation.onCancel(attempt::abort);
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                attempt.failOnNetwork(ar.cause());
                return;
            }
            attempt.begin(ar.result());
        });
        if (unauthorized.isEmpty()) {
            return promise.future();
        }
        return promise.future().andThen(ar -> {
            if (ar.succeeded() && ar.result() instanceof Reply.Body reply && reply.status() == 401) {
                unauthorized.forEach(listener -> listener.accept(exchange));
            }
        });
    }

    private HttpClientAgent agentFor(Exchange exchange) {
        if (!exchange.url().startsWith("https:")) {
            return plain;
        }
        return exchange.caBundle().map(ca -> tlsByCa.computeIfAbsent(ca, bundle -> vertx.createHttpClient(
                tlsOptions().setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(bundle.pem()))), pool)))
                .orElse(tls);
    }

    /** The state of one exchange; all methods run on the same event loop. */
    private final class Attempt {
        private final Exchange exchange;
        private final Timeouts timeouts;
        private final Promise<Object> promise;
        private final boolean relayBytes;
        private final NetworkErrors errors;
        private HttpClientRequest request;
        private HttpSseStream stream;
        private HttpByteStream bytes;
        private long firstByteTimer = -1;
        private long totalTimer = -1;
        private boolean aborted;

        Attempt(Exchange exchange, Timeouts timeouts, Promise<Object> promise, boolean relayBytes) {
            this.exchange = exchange;
            this.timeouts = timeouts;
            this.promise = promise;
            this.relayBytes = relayBytes;
            this.errors = new NetworkErrors(exchange.provider(), exchange.url());
        }

        void begin(HttpClientRequest req) {
            this.request = req;
            if (aborted) {
                req.reset();
                return;
            }
            firstByteTimer = vertx.setTimer(timeouts.firstByte().toMillis(), t -> timeout("first byte",
                    timeouts.firstByte()));
            totalTimer = vertx.setTimer(timeouts.total().toMillis(), t -> timeout("total", timeouts.total()));
            sent(req).onComplete(ar -> {
                if (ar.failed()) {
                    failOnNetwork(ar.cause());
                } else {
                    onResponse(ar.result());
                }
            });
        }

        /** Sends the body (the buffer, or the upload as it is read) and yields the response's head. */
        private Future<HttpClientResponse> sent(HttpClientRequest req) {
            if (exchange.upload().isEmpty()) {
                return req.send(exchange.body());
            }
            BodySource upload = exchange.upload().get();
            req.putHeader("content-length", Long.toString(upload.length()));
            upload.writeTo(req).onComplete(ar -> {
                if (ar.succeeded()) {
                    req.end();
                } else {
                    fail(new GatewayError.Internal("The gateway could not read the upload it was sending to '"
                            + exchange.provider() + "'."));
                }
            });
            return req.response();
        }

        private void onResponse(HttpClientResponse response) {
            if (relayBytes && response.statusCode() < 300) {
                vertx.cancelTimer(firstByteTimer);
                bytes = new HttpByteStream(vertx, request, response, timeouts.idle(), errors,
                        () -> vertx.cancelTimer(totalTimer));
                promise.tryComplete(new Bytes(response.statusCode(), response.headers(), bytes));
                return;
            }
            String contentType = Optional.ofNullable(response.getHeader("content-type")).orElse("");
            boolean sse = response.statusCode() < 300 && exchange.stream()
                    && exchange.framing().accepts(contentType);
            if (!sse) {
                vertx.cancelTimer(firstByteTimer);
                response.body().onComplete(ar -> {
                    if (ar.failed()) {
                        failOnNetwork(ar.cause());
                        return;
                    }
                    vertx.cancelTimer(totalTimer);
                    promise.tryComplete(new Reply.Body(response.statusCode(), response.headers(), ar.result()));
                });
                return;
            }
            stream = new HttpSseStream(vertx, request, response, timeouts.idle(), errors, exchange.framing(), () -> {
                vertx.cancelTimer(firstByteTimer);
                promise.tryComplete(new Reply.Stream(response.statusCode(), response.headers(), stream));
            }, error -> {
                vertx.cancelTimer(totalTimer);
                fail(error);
            }, () -> vertx.cancelTimer(totalTimer));
        }

        private void timeout(String which, Duration limit) {
            GatewayError error = new GatewayError.Timeout("The upstream provider '" + exchange.provider()
                    + "' exceeded the " + which + " timeout of " + limit.toMillis() + " ms.");
            if (stream != null && stream.started()) {
                stream.fail(error);
            } else if (bytes != null) {
                bytes.fail(error);
            } else {
                fail(error);
            }
            if (request != null) {
                request.reset();
            }
        }

        /**
         * Fails the attempt for a network error, unless it has already ended: resetting the request after a timeout
         * or the client leaving fails the send too, and that is no news worth a log line.
         */
        void failOnNetwork(Throwable cause) {
            if (aborted || promise.future().isComplete()) {
                return;
            }
            fail(errors.ofExchange(cause, timeouts.connect()));
        }

        void fail(GatewayError error) {
            vertx.cancelTimer(firstByteTimer);
            vertx.cancelTimer(totalTimer);
            if (promise.tryFail(new UpstreamFailure(error)) && request != null && stream == null && bytes == null) {
                request.reset();
            }
        }

        void abort() {
            aborted = true;
            vertx.cancelTimer(firstByteTimer);
            vertx.cancelTimer(totalTimer);
            if (stream != null) {
                stream.cancel();
            } else if (bytes != null) {
                bytes.cancel();
            } else if (request != null) {
                request.reset();
            }
            promise.tryFail(new UpstreamFailure(new GatewayError.Unavailable("The client went away.",
                    Optional.empty())));
        }
    }

    /** The file system that streamed bodies ({@link MultipartFileBody}) are read from. */
    public io.vertx.core.file.FileSystem fileSystem() {
        return vertx.fileSystem();
    }

    /** Closes the connection pools. */
    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>(List.of(plain.close(), tls.close()));
        tlsByCa.values().forEach(agent -> closing.add(agent.close()));
        return Future.join(closing).mapEmpty();
    }
}
