package dev.junction.endpoint;

import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.GatewayError;
import dev.junction.observe.RequestRecord;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.RouteFailure;
import dev.junction.routing.Routed;
import dev.junction.server.GatewayRuntime;
import dev.junction.server.RequestContext;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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
        Cancellation cancellation = new Cancellation();
        ctx.addEndHandler(ar -> {
            if (!ctx.response().ended()) {
                record.clientDisconnected();
                cancellation.cancel();
            }
        });
        rt.executor().<EmbeddingResponse>run(route.get(), RequestFacts.NONE, ChatPipeline.pin(ctx), cancellation,
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
                        RouteFailure failure = ar.cause() instanceof RouteFailure f ? f
                                : new RouteFailure(UpstreamFailure.errorOf(ar.cause()), List.of());
                        record.attempts(failure.attempts());
                        reject(ctx, record, failure.error());
                        return;
                    }
                    Routed<EmbeddingResponse> routed = ar.result();
                    routed.delivered().run(); // the whole answer is here: nothing streams
                    EmbeddingResponse response = routed.value();
                    long tokens = response.inputTokens() > 0 ? response.inputTokens()
                            : request.inputs().stream().mapToLong(dev.junction.tokens.TokenEstimator::count).sum();
                    record.target(routed.step().provider(), routed.step().model()).attempts(routed.attempts())
                            .usage(new dev.junction.model.Usage(tokens, 0, 0, 0, 0)).status(200).firstByte();
                    ctx.response().putHeader("content-type", "application/json")
                            .putHeader("x-junction-provider", routed.step().provider())
                            .putHeader("x-junction-model", routed.step().model())
                            .putHeader("x-junction-attempts", routed.attempts().stream()
                                    .map(dev.junction.routing.AttemptRecord::summary)
                                    .collect(Collectors.joining(", ")))
                            .end(Buffer.buffer(Json.bytes(render.apply(new EmbeddingResponse(response.model(),
                                    response.vectors(), tokens)))));
                });
    }

    /** Answers with an error before anything was written. */
    public void reject(RoutingContext ctx, RequestRecord record, GatewayError error) {
        record.status(client.status(error)).error(error);
        ErrorReplies.send(ctx.response(), client, error);
    }
}
