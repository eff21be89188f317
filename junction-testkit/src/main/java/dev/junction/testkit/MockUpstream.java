package dev.junction.testkit;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-process HTTP server that speaks the providers' wire formats exactly, with scripted behaviours
 * and fault injection, for the gateway's integration tests and load benchmark. One port serves six
 * dialects, chosen by the request path:
 *
 * <ul>
 *   <li>OpenAI Chat Completions: {@code POST /v1/chat/completions}, {@code GET /v1/models}; base URL
 *       {@link #baseUrl()}.
 *   <li>OpenAI Responses: {@code POST /v1/responses} (a {@code response} object, or its event stream with
 *       {@code "stream": true}), {@code POST /v1/responses/input_tokens}; base URL {@link #baseUrl()}.
 *   <li>Anthropic Messages: {@code POST /v1/messages}, {@code POST /v1/messages/count_tokens},
 *       {@code GET /v1/models[/{id}]} with an {@code anthropic-version} header; base URL {@link #baseUrl()}.
 *   <li>Gemini: {@code POST /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent}
 *       ({@code ?alt=sse} or JSON array), {@code :countTokens}, {@code :embedContent},
 *       {@code :batchEmbedContents}, {@code GET /v1beta/models[/{model}]}; base URL {@link #geminiBaseUrl()}. A
 *       {@code generateContent} with an audio {@code inlineData} part is a transcription: the file is decoded and
 *       digested into {@link #receivedAudio()}, the answer is {@link MockAudio#transcript} (see
 *       {@code GeminiTranscripts}).
 *   <li>Cohere v2: {@code POST /v2/chat} (SSE with {@code "stream": true}), {@code POST /v2/embed}; base URL
 *       {@link #rootUrl()}.
 *   <li>Ollama: {@code POST /api/chat} (NDJSON unless {@code "stream": false}), {@code POST /api/embed}; base URL
 *       {@link #rootUrl()}.
 *   <li>Azure OpenAI: {@code POST /openai/deployments/{deployment}/chat/completions?api-version=…},
 *       {@code …/embeddings}, {@code …/images/generations} and {@code …/images/edits},
 *       {@code POST /openai/v1/chat/completions}, {@code /openai/v1/embeddings}, {@code /openai/v1/responses},
 *       {@code /openai/v1/images/generations} and {@code /openai/v1/images/edits}, with {@code api-key} or an
 *       Entra ID bearer token; base URL
 *       {@link #azureBaseUrl()}. Microsoft Entra ID: {@code POST /{tenant}/oauth2/v2.0/token}; authority
 *       {@link #entraAuthorityUrl()}.
 * </ul>
 *
 * <pre>{@code
 * try (MockUpstream mock = MockUpstream.start()) {
 *     mock.enqueue(Behavior.status(429).withHeader("Retry-After", "1"));
 *     // point the gateway at mock.baseUrl() ...
 *     assertThat(mock.requestCount()).isEqualTo(2);
 * }
 * }</pre>
 *
 * <p>Each generation request, whatever its dialect, takes its {@link Behavior} from the FIFO queue filled
 * by {@link #enqueue}, or the default ({@link #setDefault}, initially {@link Behavior#ok()}) when the
 * queue is empty; so does a Gemini embedding request. Requests the mock rejects as the real API would
 * (malformed JSON, missing required fields, a missing {@code anthropic-version} header, a replayed
 * thought signature the mock did not issue), token counts and model listings answer at once without
 * taking a behaviour.
 *
 * <p>Thought signatures: with {@link Behavior#withThinking} the mock issues signatures and remembers
 * them until {@link #reset()}. An Anthropic request whose assistant turns hold a {@code thinking} block
 * with another signature gets 400 {@code invalid_request_error} "Invalid `signature` in `thinking`
 * block"; a Responses request replaying a {@code reasoning} item whose {@code encrypted_content} the mock
 * did not issue gets 400 {@code invalid_encrypted_content} "The encrypted content for item … could not be
 * verified."; a Gemini request replaying a {@code functionCall} the mock signed (recognised by name and
 * arguments) without that exact {@code thoughtSignature} gets 400 {@code INVALID_ARGUMENT} "Function call
 * is missing a thought_signature …" (or "Corrupted thought signature." for another value).
 *
 * <p>Threading: all methods are thread-safe. {@link #start}, {@link #close} and
 * {@link #awaitCancelledStreams} block, so never call them on a Vert.x event loop. Requests are served
 * on event loops only, without blocking.
 */
public final class MockUpstream implements AutoCloseable {

    /** The AWS access key id whose SigV4 signatures the Bedrock wire accepts. */
    public static final String AWS_ACCESS_KEY_ID = "AKIDJUNCTIONMOCK0001";

    /** The secret of {@link #AWS_ACCESS_KEY_ID}. */
    public static final String AWS_SECRET_ACCESS_KEY = "mock/Bedrock+Secret/Key0000000000000000";

    /** The Bedrock API key (a bearer token) the Bedrock wire accepts. */
    public static final String BEDROCK_API_KEY = "ABSKmockbedrockapikey0000";

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final String deploymentId;
    private final MockState state;
    private final String host;
    private final int port;
    private final Optional<TestCertificate> certificate;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MockUpstream(Vertx vertx, boolean ownsVertx, String deploymentId, MockState state, String host, int port,
                         Optional<TestCertificate> certificate) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.deploymentId = deploymentId;
        this.state = state;
        this.host = host;
        this.port = port;
        this.certificate = certificate;
    }

    /**
     * Starts a mock with its own Vert.x on 127.0.0.1 and a random free port; blocks until it listens.
     * {@link #close()} closes that Vert.x.
     *
     * @return the listening mock
     */
    public static MockUpstream start() {
        Vertx vertx = Vertx.vertx();
        try {
            return deploy(vertx, true, Options.defaults());
        } catch (RuntimeException failed) {
            vertx.close();
            throw failed;
        }
    }

    /**
     * Starts a mock on a given Vert.x, 127.0.0.1; blocks until it listens. {@link #close()} leaves the
     * Vert.x running.
     *
     * @param vertx the Vert.x to deploy on
     * @param port the port, 0 for a random free one
     * @return the listening mock
     */
    public static MockUpstream start(Vertx vertx, int port) {
        return start(vertx, Options.defaults().withPort(port));
    }

    /**
     * Starts a mock on a given Vert.x with these options; blocks until every instance listens.
     * {@link #close()} leaves the Vert.x running.
     *
     * @param vertx the Vert.x to deploy on
     * @param options host, port, number of server instances, whether to record requests
     * @return the listening mock
     */
    public static MockUpstream start(Vertx vertx, Options options) {
        return deploy(vertx, false, options);
    }

    private static MockUpstream deploy(Vertx vertx, boolean ownsVertx, Options options) {
        MockState state = new MockState(options.recordRequests());
        // Vert.x shares a random port between servers only when it is asked for as a negative port.
        int listenPort = options.port() == 0 && options.instances() > 1 ? -1 : options.port();
        Optional<MockUpstreamVerticle.Tls> tls = options.tlsVersions().isEmpty() ? Optional.empty()
                : Optional.of(new MockUpstreamVerticle.Tls(TestCertificate.create(), options.tlsVersions()));
        List<MockUpstreamVerticle> servers = new CopyOnWriteArrayList<>();
        String deploymentId = vertx.deployVerticle(() -> {
            MockUpstreamVerticle server = new MockUpstreamVerticle(state, options.host(), listenPort, tls);
            servers.add(server);
            return server;
        }, new DeploymentOptions().setInstances(options.instances())).await();
        return new MockUpstream(vertx, ownsVertx, deploymentId, state, options.host(), servers.getFirst().actualPort(),
                tls.map(MockUpstreamVerticle.Tls::certificate));
    }

    /**
     * Starts a mock over TLS with its own Vert.x, like {@link #start()}: a self-signed certificate for
     * {@code localhost} and {@code 127.0.0.1} is made for it ({@link #certificate()}), and ALPN offers
     * {@code versions} ({@link HttpVersion#HTTP_2} and {@link HttpVersion#HTTP_1_1}, or HTTP/1.1 alone to see a
     * client fall back). Its base URLs are {@code https://}.
     *
     * @param versions the HTTP versions offered, in order of preference
     * @return the listening mock
     */
    public static MockUpstream startTls(HttpVersion... versions) {
        Vertx vertx = Vertx.vertx();
        try {
            return deploy(vertx, true, Options.defaults().withTls(versions));
        } catch (RuntimeException failed) {
            vertx.close();
            throw failed;
        }
    }

    /** {@return the certificate the mock serves over TLS; empty for plain HTTP} */
    public Optional<TestCertificate> certificate() {
        return certificate;
    }

    private String scheme() {
        return certificate.isPresent() ? "https" : "http";
    }

    /** {@return the port the mock listens on} */
    public int port() {
        return port;
    }

    /**
     * The OpenAI (Chat Completions and Responses) and Anthropic base URL of the mock.
     *
     * @return {@code http://127.0.0.1:<port>/v1} ({@code https://} over TLS)
     */
    public String baseUrl() {
        return scheme() + "://" + host + ":" + port + "/v1";
    }

    /** {@return the root URL of the mock, {@code http://127.0.0.1:<port>}: the base URL of Cohere and Ollama} */
    public String rootUrl() {
        return scheme() + "://" + host + ":" + port;
    }

    /** {@return the Gemini base URL of the mock, {@code http://127.0.0.1:<port>/v1beta} ({@code https} over TLS)} */
    public String geminiBaseUrl() {
        return scheme() + "://" + host + ":" + port + "/v1beta";
    }

    /** {@return the AWS Bedrock runtime base URL of the mock, {@code http://127.0.0.1:<port>} ({@code https} over TLS)} */
    public String bedrockBaseUrl() {
        return scheme() + "://" + host + ":" + port;
    }

    /**
     * {@return the Azure OpenAI resource endpoint of the mock, {@code http://127.0.0.1:<port>} ({@code https} over
     * TLS), under which it serves {@code /openai/deployments/…} and {@code /openai/v1/…}}
     */
    public String azureBaseUrl() {
        return scheme() + "://" + host + ":" + port;
    }

    /**
     * {@return the Microsoft Entra ID authority of the mock, {@code http://127.0.0.1:<port>}: its token endpoint is
     * {@code POST /{tenant}/oauth2/v2.0/token}}
     */
    public String entraAuthorityUrl() {
        return scheme() + "://" + host + ":" + port;
    }

    /**
     * {@return the number of requests to the Entra ID token endpoint since start, failed ones included; they are
     * neither recorded nor counted by {@link #requestCount()}, and {@link #reset()} leaves this count and the issued
     * tokens alone, so that a gateway's cached token stays valid across tests}
     */
    public long entraTokenRequests() {
        return state.entraTokens().requests();
    }

    /** Sets the {@code expires_in} of the Entra ID tokens issued from now on (3599 seconds unless set). */
    public void entraTokenLifetime(Duration lifetime) {
        state.entraTokens().expiresInSeconds((int) lifetime.toSeconds());
    }

    /** Revokes every Entra ID token issued so far: Azure paths answer 401 to them until a new one is fetched. */
    public void revokeEntraTokens() {
        state.entraTokens().revokeAll();
    }

    /** Makes the Entra ID token endpoint accept only this client secret (any non-empty one unless set). */
    public void expectEntraClientSecret(String secret) {
        state.entraTokens().expectSecret(secret);
    }

    /** {@return the mock's Google token endpoint, to trust a test's service account and count issued tokens} */
    public GoogleTokenEndpoint googleTokens() {
        return state.googleTokens();
    }

    /**
     * Queues a behaviour; queued behaviours are used in FIFO order before the default, each for
     * {@link Behavior#times()} requests.
     *
     * @param behavior the behaviour
     */
    public void enqueue(Behavior behavior) {
        state.enqueue(behavior);
    }

    /**
     * Sets the behaviour used when the queue is empty.
     *
     * @param behavior the behaviour; its {@link Behavior#times()} is ignored
     */
    public void setDefault(Behavior behavior) {
        state.setDefault(behavior);
    }

    /**
     * Clears the queue, restores the default {@link Behavior#ok()}, forgets recorded requests and issued
     * thought signatures, and zeroes the counters. Response ids ({@code chatcmpl-mock<n>},
     * {@code msg_mock<n>}, {@code req_<n>}) keep increasing.
     */
    public void reset() {
        state.reset();
    }

    /**
     * The requests received since start or {@link #reset()}, in arrival order, on any path. Empty when
     * recording is off ({@link Options#withoutRecording()}).
     *
     * @return an immutable snapshot
     */
    public List<RecordedRequest> requests() {
        return state.requests();
    }

    /**
     * The audio files received since start or {@link #reset()} (transcription and translation uploads, Deepgram
     * bodies), in arrival order: their size and SHA-256, never their bytes, which the mock streams through a digest
     * rather than keep.
     */
    public List<ReceivedAudio> receivedAudio() {
        return state.receivedAudio();
    }

    /** {@return the most recent recorded request, or empty when none was recorded} */
    public Optional<RecordedRequest> lastRequest() {
        return state.lastRequest();
    }

    /** {@return the number of requests received since start or {@link #reset()}, on any path} */
    public long requestCount() {
        return state.requestCount();
    }

    /**
     * The number of responses whose connection the client closed (or whose HTTP/2 stream it reset)
     * before the response ended, e.g. a timed-out {@link Behavior#hang()} or a stream abandoned midway.
     * Connections the mock cuts itself ({@link Behavior#cutAfterEvents}) do not count.
     *
     * @return the count since start or {@link #reset()}
     */
    public int cancelledStreams() {
        return state.cancelledStreams();
    }

    /**
     * Waits until {@link #cancelledStreams()} reaches {@code count}.
     *
     * @param count the count to wait for
     * @param timeout how long to wait at most
     * @return true if the count was reached, false on timeout
     * @throws IllegalStateException if the waiting thread is interrupted (its interrupt flag is kept)
     */
    public boolean awaitCancelledStreams(int count, Duration timeout) {
        try {
            return state.awaitCancelledStreams(count, timeout);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for cancelled streams", interrupted);
        }
    }

    /**
     * Stops the servers, dropping open connections, and closes the Vert.x if {@link #start()} created it.
     * Blocks until done; later calls do nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        vertx.undeploy(deploymentId).await();
        if (ownsVertx) {
            vertx.close().await();
        }
    }

    /**
     * How a mock upstream is served.
     *
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the port, 0 for a random free one
     * @param instances the number of server instances sharing the port, one per event loop
     * @param recordRequests whether to keep every request for {@link #requests()}; turn it off for
     *     long benchmark runs, which would otherwise keep every request in memory
     * @param tlsVersions empty for plain HTTP; otherwise TLS with a self-signed certificate, offering these HTTP
     *     versions by ALPN
     */
    public record Options(String host, int port, int instances, boolean recordRequests,
                          List<HttpVersion> tlsVersions) {

        /** Validates the options. */
        public Options {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            if (instances < 1) {
                throw new IllegalArgumentException("instances must be at least 1, got " + instances);
            }
            tlsVersions = List.copyOf(tlsVersions);
        }

        /** {@return 127.0.0.1, a random port, one instance, requests recorded, plain HTTP} */
        public static Options defaults() {
            return new Options("127.0.0.1", 0, 1, true, List.of());
        }

        /**
         * Serves over TLS with a self-signed certificate, offering these HTTP versions by ALPN.
         *
         * @param versions the versions, in order of preference; at least one
         * @return a copy serving TLS
         */
        public Options withTls(HttpVersion... versions) {
            if (versions.length == 0) {
                throw new IllegalArgumentException("TLS needs at least one HTTP version to offer");
            }
            return new Options(host, port, instances, recordRequests, List.of(versions));
        }

        /**
         * Binds another address, e.g. {@code 0.0.0.0}; {@link #baseUrl()} then uses it as the host.
         *
         * @param newHost the address to bind
         * @return a copy binding that address
         */
        public Options withHost(String newHost) {
            return new Options(newHost, port, instances, recordRequests, tlsVersions);
        }

        /**
         * Listens on a fixed port.
         *
         * @param newPort the port, 0 for a random free one
         * @return a copy listening on that port
         */
        public Options withPort(int newPort) {
            return new Options(host, newPort, instances, recordRequests, tlsVersions);
        }

        /**
         * Serves from several event loops: Vert.x spreads connections over the instances.
         *
         * @param count the number of server instances sharing the port
         * @return a copy with that many instances
         */
        public Options withInstances(int count) {
            return new Options(host, port, count, recordRequests, tlsVersions);
        }

        /** {@return a copy that only counts requests instead of recording them} */
        public Options withoutRecording() {
            return new Options(host, port, instances, false, tlsVersions);
        }
    }
}
