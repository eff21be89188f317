package dev.junction.endpoint;

import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.Usage;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.WholeAnswerOperation;
import dev.junction.routing.OperationKind;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.Routed;
import dev.junction.tokens.TokenEstimator;
import io.vertx.core.Future;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeddings in any client dialect, routed with failover to the providers that can embed and answered with
 * {@code render} of the vectors, in the client's format. Immutable.
 */
public final class EmbeddingOperation implements WholeAnswerOperation {

    private final EmbeddingRequest request;
    private final Function<EmbeddingResponse, ObjectNode> render;

    public EmbeddingOperation(EmbeddingRequest request, Function<EmbeddingResponse, ObjectNode> render) {
        this.request = request;
        this.render = render;
    }

    /** The texts to embed, and the rest of the request. */
    public EmbeddingRequest request() {
        return request;
    }

    /** This operation with {@code rewritten} embedded instead (a guardrail's masked texts). */
    public EmbeddingOperation withRequest(EmbeddingRequest rewritten) {
        return new EmbeddingOperation(rewritten, render);
    }

    @Override
    public OperationKind kind() {
        return OperationKind.EMBEDDINGS;
    }

    @Override
    public String model() {
        return request.model();
    }

    @Override
    public long estimateInputTokens() {
        return request.inputs().stream().mapToLong(TokenEstimator::count).sum();
    }

    @Override
    public RequestFacts facts() {
        return RequestFacts.of(OperationKind.EMBEDDINGS);
    }

    @Override
    public Future<Routed<Reply>> execute(Exchange exchange, Route route) {
        var rt = exchange.runtime();
        return rt.executor().<EmbeddingResponse>run(route, facts(), ChatOperation.pin(exchange),
                exchange.deploymentOrder(), exchange.cancellation(), (provider, step) -> rt.embeddingAdapter(provider).embed(request, provider,
                        step.model(), exchange.requestId(), exchange.propagation(), exchange.cancellation())).map(routed -> {
            EmbeddingResponse response = routed.value();
            long tokens = response.inputTokens() > 0 ? response.inputTokens() : exchange.inputTokens();
            routed.delivered().accept(tokens); // the whole answer is here: nothing streams
            exchange.record().usage(new Usage(tokens, 0, 0, 0, 0));
            Reply reply = new Reply.Json(render.apply(new EmbeddingResponse(response.model(), response.vectors(),
                    tokens)));
            return new Routed<>(reply, routed.step(), routed.attempts(), routed.delivered());
        });
    }
}
