package dev.junction.endpoint.rerank;

import dev.junction.endpoint.ChatOperation;
import dev.junction.model.Usage;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.WholeAnswerOperation;
import dev.junction.pricing.UnitUsage;
import dev.junction.rerank.RerankRequest;
import dev.junction.rerank.RerankResponse;
import dev.junction.routing.OperationKind;
import dev.junction.routing.Route;
import dev.junction.routing.Routed;
import dev.junction.routing.UnitPrices;
import dev.junction.tokens.TokenEstimator;
import io.vertx.core.Future;

/**
 * A rerank, routed with failover to the deployments that serve {@code rerank} and answered in the Cohere v2 / Jina
 * shape. Records what the upstream billed: tokens when it said (Jina, Voyage), and search units (Cohere's, or one
 * per 100 documents when the upstream said nothing) for deployments priced per search unit. Immutable.
 */
public final class RerankOperation implements WholeAnswerOperation {

    private final RerankRequest request;

    public RerankOperation(RerankRequest request) {
        this.request = request;
    }

    /** The request, for the guardrails and extensions. */
    public RerankRequest request() {
        return request;
    }

    @Override
    public OperationKind kind() {
        return OperationKind.RERANK;
    }

    @Override
    public String model() {
        return request.model();
    }

    @Override
    public long estimateInputTokens() {
        long query = TokenEstimator.count(request.query());
        // Each document is read with the query: the tokens billed are about the documents plus a query per document.
        return request.documents().stream().mapToLong(d -> TokenEstimator.count(d) + query).sum();
    }

    @Override
    public UnitUsage worstCaseUnits() {
        return UnitUsage.of(UnitPrices.SEARCH_UNIT, request.searchUnits());
    }

    @Override
    public Future<Routed<Reply>> execute(Exchange exchange, Route route) {
        var rt = exchange.runtime();
        return rt.executor().<RerankResponse>run(route, facts(), ChatOperation.pin(exchange), exchange.cancellation(),
                (provider, step) -> rt.rerankAdapter(provider).rerank(request, provider, step.model(),
                        exchange.requestId(), exchange.propagation(), exchange.cancellation())).map(routed -> {
            RerankResponse response = routed.value();
            long tokens = response.tokens().orElse(0);
            routed.delivered().accept(tokens);
            double units = response.searchUnits().orElse(response.tokens().isPresent() ? 0 : request.searchUnits());
            exchange.record().usage(new Usage(tokens, 0, 0, 0, 0))
                    .units(UnitUsage.of(UnitPrices.SEARCH_UNIT, units));
            Reply reply = new Reply.Json(RerankJson.response(request, response, "rerank-" + exchange.requestId()));
            return new Routed<>(reply, routed.step(), routed.attempts(), routed.delivered());
        });
    }
}
