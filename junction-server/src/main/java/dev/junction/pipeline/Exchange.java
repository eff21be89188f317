package dev.junction.pipeline;

import dev.junction.config.TrustedProxies;
import dev.junction.governance.Caller;
import dev.junction.model.GatewayException;
import dev.junction.observe.RequestRecord;
import dev.junction.routing.DeploymentOrder;
import dev.junction.routing.Route;
import dev.junction.runtime.GatewayRuntime;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.Propagation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One data-plane request on its way through the {@link Pipeline}: the HTTP exchange, the runtime it started with (a
 * configuration reload meanwhile changes nothing for it), its {@link RequestRecord}, the client's dialect, and what
 * the stages learn on the way (the caller, the operation, the route) or keep for their {@link Stage#finish}
 * ({@link #attach}). Confined to the request's event loop; not thread safe.
 */
public final class Exchange {

    /** Decodes and validates the request body into its operation; throws a {@link GatewayException} for a 400. */
    @FunctionalInterface
    public interface Decoder {
        Operation decode();
    }

    /** A typed slot for a stage's per-request state. Compared by identity: create one per use, as a constant. */
    public static final class Attribute<T> {
        private final String name;

        public Attribute(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final RoutingContext http;
    private final GatewayRuntime runtime;
    private final RequestRecord record;
    private final ClientDialect dialect;
    private final Decoder decoder;
    private final Context context;
    private final Cancellation cancellation = new Cancellation();
    private Caller caller;
    private Operation operation;
    private Route route;
    private long inputTokens = -1;
    private Map<Attribute<?>, Object> attachments;
    private String cancelReason;
    private Propagation propagation = Propagation.NONE;
    private DeploymentOrder deploymentOrder = DeploymentOrder.STRATEGY;
    private java.util.function.Supplier<Future<Void>> closer = Future::succeededFuture;
    private java.util.List<Future<?>> endHolds;

    Exchange(RoutingContext http, GatewayRuntime runtime, RequestRecord record, ClientDialect dialect,
             Decoder decoder, Context context) {
        this.http = http;
        this.runtime = runtime;
        this.record = record;
        this.dialect = dialect;
        this.decoder = decoder;
        this.context = context;
    }

    /** The runtime in effect when the request arrived. */
    public GatewayRuntime runtime() {
        return runtime;
    }

    /** What the request log and the log line will say of the request. */
    public RequestRecord record() {
        return record;
    }

    public String requestId() {
        return record.requestId();
    }

    /** The dialect the client speaks: errors and answers are written in it. */
    public ClientDialect dialect() {
        return dialect;
    }

    /** The request's event-loop context: futures completed elsewhere are brought back to it. */
    public Context context() {
        return context;
    }

    /** A request header, if present. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(http.request().getHeader(name));
    }

    /** The request's headers, names in lower case, the first value of each: a copy, readable on any thread. */
    public Map<String, String> headers() {
        Map<String, String> copy = new java.util.HashMap<>();
        http.request().headers().forEach(e -> copy.putIfAbsent(e.getKey().toLowerCase(java.util.Locale.ROOT),
                e.getValue()));
        return copy;
    }

    /** A query parameter, if present. */
    public Optional<String> query(String name) {
        return Optional.ofNullable(http.request().getParam(name));
    }

    /** A path parameter of the endpoint's route, if present. */
    public Optional<String> pathParam(String name) {
        return Optional.ofNullable(http.pathParam(name));
    }

    /**
     * The client's IP address: the socket's peer, or, when the peer is one of the configured trusted proxies
     * ({@code server.trusted_proxies}), the rightmost address in their forwarding header that is not a trusted proxy
     * itself; empty string when unknown. A header from any other peer is ignored.
     */
    public String remoteAddress() {
        String peer = http.request().remoteAddress() == null ? "" : http.request().remoteAddress().hostAddress();
        TrustedProxies proxies = runtime.config().server().trustedProxies();
        if (!proxies.any()) {
            return peer;
        }
        return ClientAddress.resolve(proxies, peer, http.request().headers().getAll(proxies.header().headerName()));
    }

    /** The HTTP response: stages may set headers on it; only the pipeline and the reply writers write its body. */
    public HttpServerResponse response() {
        return http.response();
    }

    /** The request body as received, if any. */
    public Optional<io.vertx.core.buffer.Buffer> body() {
        return http.body() == null ? Optional.empty() : Optional.ofNullable(http.body().buffer());
    }

    /** The authenticated caller, once authentication ran. */
    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    /** Remembers the authenticated caller and attributes the request to it. */
    public void caller(Caller who) {
        this.caller = Objects.requireNonNull(who);
        record.caller(who.attribution());
    }

    /** Decodes the request body into its operation (once); throws a {@link GatewayException} for a bad body. */
    Operation decode() {
        Operation decoded = decoder.decode();
        this.operation = Objects.requireNonNull(decoded);
        record.publicModel(decoded.model()).stream(decoded.stream()).operation(decoded.name());
        return decoded;
    }

    /** The decoded operation; fails when asked before the decoding stage ran. */
    public Operation operation() {
        if (operation == null) {
            throw new IllegalStateException("The request has not been decoded yet");
        }
        return operation;
    }

    /**
     * Replaces the operation with a rewritten one (a conversation restored, a guardrail's redaction). Stages after
     * this one see the new operation; its token estimate is taken afresh.
     */
    public void operation(Operation rewritten) {
        this.operation = Objects.requireNonNull(rewritten);
        this.inputTokens = -1;
        record.publicModel(rewritten.model()).stream(rewritten.stream());
    }

    /** The route the public model resolved to, once the routing stage resolved it. */
    public Optional<Route> route() {
        return Optional.ofNullable(route);
    }

    public void route(Route resolved) {
        this.route = Objects.requireNonNull(resolved);
    }

    /** The operation's estimated input tokens, computed on first use and kept. */
    public long inputTokens() {
        if (inputTokens < 0) {
            inputTokens = operation().estimateInputTokens();
        }
        return inputTokens;
    }

    /** Keeps a stage's per-request state. */
    public <T> void attach(Attribute<T> attribute, T value) {
        if (attachments == null) {
            attachments = new IdentityHashMap<>(4);
        }
        attachments.put(attribute, value);
    }

    /** A stage's per-request state, if attached. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> attached(Attribute<T> attribute) {
        return attachments == null ? Optional.empty() : Optional.ofNullable((T) attachments.get(attribute));
    }

    /** The trace context the request's upstream requests carry; {@link Propagation#NONE} unless traced. */
    public Propagation propagation() {
        return propagation;
    }

    /** Sets the trace context the request's upstream requests carry (the tracing stage's request span). */
    public void propagation(Propagation trace) {
        this.propagation = Objects.requireNonNull(trace);
    }

    /** Who has the last word on the order of each route group's deployments: the strategy unless a stage said. */
    public DeploymentOrder deploymentOrder() {
        return deploymentOrder;
    }

    /** Lets {@code order} reorder or narrow each group's deployments after its strategy (the extensions' routing). */
    public void deploymentOrder(DeploymentOrder order) {
        this.deploymentOrder = Objects.requireNonNull(order);
    }

    /**
     * What the writer of the response calls right before its last bytes, and waits for: the pipeline finishes every
     * stage now (the request is answered), and the future completes when what their {@code finish} asked to wait for
     * ({@link #holdEnd}) is done. It never fails. Called at most once per request; on the event loop.
     */
    public Future<Void> beforeEnd() {
        return closer.get();
    }

    /**
     * Makes the response's last bytes wait for {@code future} (however it completes), when called from a stage's
     * {@code finish} that runs before the end ({@link #beforeEnd}); after the end it changes nothing. The future must
     * complete within a bound of its own (the request log's journal waits at most its {@code max_wait}).
     */
    public void holdEnd(Future<?> future) {
        if (endHolds == null) {
            endHolds = new java.util.ArrayList<>(2);
        }
        endHolds.add(future);
    }

    /** Set by the pipeline: how {@link #beforeEnd} finishes the request. */
    void closer(java.util.function.Supplier<Future<Void>> closer) {
        this.closer = closer;
    }

    /** What {@link #holdEnd} collected, as one future that never fails. */
    Future<Void> heldEnd() {
        if (endHolds == null) {
            return Future.succeededFuture();
        }
        java.util.List<Future<?>> holds = endHolds;
        endHolds = null;
        if (holds.size() == 1) {
            return holds.getFirst().<Void>mapEmpty().otherwiseEmpty();
        }
        return Future.join(holds).<Void>mapEmpty().otherwiseEmpty();
    }

    /** Fires when the client goes away or the gateway cancels the request: the upstream request is stopped. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /**
     * Cancels the request for {@code reason}: stops the upstream and closes the connection. Stages see
     * {@link Outcome.Cancelled}.
     */
    public void cancel(String reason) {
        if (cancelReason != null || http.response().ended()) {
            return;
        }
        cancelReason = reason;
        cancellation.cancel();
        if (!http.response().closed()) {
            http.response().reset();
        }
    }

    Optional<String> cancelReason() {
        return Optional.ofNullable(cancelReason);
    }

    /** A future completed on the request's context. */
    public <T> Future<T> onContext(java.util.concurrent.CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, context);
    }
}
