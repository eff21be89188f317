package dev.junction.endpoint;

import dev.junction.governance.Governor;
import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.tokens.TokenEstimator;
import dev.junction.observe.RequestRecord;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.RouteFailure;
import dev.junction.routing.Routed;
import dev.junction.server.GatewayRuntime;
import dev.junction.server.RequestContext;
import dev.junction.upstream.Cancellation;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeddings for every client dialect: resolve the route, run it with failover at the providers that can embed, and
 * answer in the client's format. Runs on the event loop; never blocks.
 */
public final class EmbeddingPipeline {

    private final Supplier<GatewayRuntime> runtime;
    private final ClientDialect client;

    public EmbeddingPipeline(Supplier<GatewayRuntime> runtime, ClientDialect client) {
        this.runtime = runtime;
        this.client = client;
    }

    /**
     * Runs a validated request and answers with {@code render} of the result.
     */
    public void run(RoutingContext ctx, EmbeddingRequest request, Function<EmbeddingResponse, ObjectNode> render) {
        GatewayRuntime rt = runtime.get();
        RequestRecord record = RequestContext.record(ctx);
        record.publicModel(request.model()).stream(false);
        Optional<Route> route = rt.resolver().resolve(request.model());
        if (route.isEmpty()) {
            reject(ctx, record, new GatewayError.ModelNotFound(request.model(), rt.resolver().publicModels()));
            return;
        }
        Governor.Ask ask = new Governor.Ask(record.requestId(), request.model(), route.get(),
                () -> request.inputs().stream().mapToLong(TokenEstimator::count).sum(), OptionalInt.of(0));
        RouteReplies.admit(ctx, rt, client, ask, admission -> execute(ctx, rt, request, route.get(), render));
    }

    private void execute(RoutingContext ctx, GatewayRuntime rt, EmbeddingRequest request, Route route,
                         Function<EmbeddingResponse, ObjectNode> render) {
        RequestRecord record = RequestContext.record(ctx);
        Cancellation cancellation = RouteReplies.cancelOnDisconnect(ctx, record);
        rt.executor().<EmbeddingResponse>run(route, RequestFacts.NONE, RouteReplies.pin(ctx), cancellation,
                (provider, step) ->
                rt.embeddingAdapter(provider).embed(request, provider, step.model(), record.requestId(), cancellation))
                .onComplete(ar -> {
                    if (cancellation.isCancelled()) {
                        if (ar.succeeded()) {
                            ar.result().delivered().run();
                        }
                        return;
                    }
                    if (ar.failed()) {
                        RouteFailure failure = RouteReplies.failureOf(ar.cause());
                        RouteReplies.attempts(ctx.response(), record, failure.attempts());
                        reject(ctx, record, failure.error());
                        return;
                    }
                    Routed<EmbeddingResponse> routed = ar.result();
                    routed.delivered().run(); // the whole answer is here: nothing streams
                    EmbeddingResponse response = routed.value();
                    long tokens = response.inputTokens() > 0 ? response.inputTokens()
                            : request.inputs().stream().mapToLong(TokenEstimator::count).sum();
                    RouteReplies.target(ctx.response(), record, routed.step());
                    RouteReplies.attempts(ctx.response(), record, routed.attempts());
                    record.usage(new Usage(tokens, 0, 0, 0, 0)).status(200).firstByte();
                    ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.bytes(render.apply(new EmbeddingResponse(response.model(),
                                    response.vectors(), tokens)))));
                });
    }

    /** Answers with an error before anything was written. */
    public void reject(RoutingContext ctx, RequestRecord record, GatewayError error) {
        ErrorReplies.reject(ctx.response(), record, client, error);
    }
}
