package dev.junction.stage.cache;

import dev.junction.cache.CacheScope;
import dev.junction.cache.RequestFingerprint;
import dev.junction.cache.semantic.SemanticCache;
import dev.junction.cache.semantic.SemanticEntry;
import dev.junction.cache.semantic.SemanticMatch;
import dev.junction.config.CacheSettings;
import dev.junction.governance.Caller;
import dev.junction.model.ChatRequest;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Usage;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.SideCost;
import dev.junction.pricing.Costs;
import dev.junction.routing.OperationKind;
import dev.junction.routing.Pin;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.Routed;
import dev.junction.runtime.GatewayRuntime;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The semantic lookup, tried when the exact one missed: embeds the request's text ({@link SemanticText}) through
 * the gateway's own routing (the embedding model is a public model like any other: its route, failover and
 * deployments; the call is priced for the caller and added to the request as a {@link SideCost}, which the cost stage
 * adds and the budget settles), then asks the {@link SemanticCache} for the nearest entry in the request's partition
 * (scope and exact-match context, {@link RequestFingerprint#context}). The probe it makes (partition and vector)
 * lets the answering stage store the fresh answer by meaning too. Stateless apart from the index; thread safe.
 */
final class SemanticLookup {

    static final String KIND = "semantic";
    static final String SIDE_COST = "semantic-cache-embedding";

    /**
     * What a request is found by: its partition and the vector of its text.
     *
     * @param partition the scope and exact-match context, hashed
     * @param vector the embedding, of unit length
     */
    record Probe(String partition, float[] vector) {
    }

    /** The probe, and the nearest fresh entry when one was searched for and found. */
    record Result(Probe probe, Optional<SemanticMatch> nearest) {
    }

    private final SemanticCache index;

    SemanticLookup(SemanticCache index) {
        this.index = index;
    }

    /**
     * Embeds the request's text and, unless {@code search} is false (the request skips lookups, but its answer is
     * stored), finds the nearest entry. Empty when the request has no text to embed. Fails when the embedding
     * model has no route or its call failed, or the index could not be read.
     */
    Future<Optional<Result>> find(Exchange exchange, Caller caller, CacheScope scope, String route,
                                  ChatRequest request, CacheSettings.Semantic semantic, boolean search) {
        String text = SemanticText.of(request, semantic.text());
        String model = semantic.embeddingModel().orElseThrow();
        if (text.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        String partition = RequestFingerprint.context(scope, route, request, model + "|" + semantic.text());
        return embed(exchange, caller, model, text).compose(vector -> {
            Probe probe = new Probe(partition, vector);
            if (!search) {
                return Future.succeededFuture(Optional.of(new Result(probe, Optional.empty())));
            }
            return exchange.onContext(index.nearest(partition, vector))
                    .map(nearest -> Optional.of(new Result(probe, nearest)));
        });
    }

    /** Stores {@code entry} by meaning; failures are the caller's to log. */
    java.util.concurrent.CompletionStage<Void> store(SemanticEntry entry) {
        return index.put(entry);
    }

    private static Future<float[]> embed(Exchange exchange, Caller caller, String model, String text) {
        GatewayRuntime rt = exchange.runtime();
        Optional<Route> route = rt.resolver().resolve(model);
        if (route.isEmpty()) {
            return Future.failedFuture(new GatewayException(new GatewayError.ModelNotFound(model,
                    rt.resolver().publicModels())));
        }
        EmbeddingRequest request = new EmbeddingRequest(model, List.of(text), OptionalInt.empty(), Optional.empty(),
                Optional.empty());
        Future<Routed<EmbeddingResponse>> call = rt.executor().run(route.get(),
                RequestFacts.of(OperationKind.EMBEDDINGS), Pin.NONE, exchange.cancellation(),
                (provider, step) -> rt.embeddingAdapter(provider).embed(request, provider, step.model(),
                        exchange.requestId(), exchange.propagation(), exchange.cancellation()));
        return call.map(routed -> {
            EmbeddingResponse response = routed.value();
            long tokens = response.inputTokens() > 0 ? response.inputTokens()
                    : Math.max(1, text.strip().split("\\s+").length);
            routed.delivered().accept(tokens);
            Costs costs = rt.governor().costs(caller, model, route.get(), Optional.of(routed.step()),
                    new Usage(tokens, 0, 0, 0, 0));
            new SideCost(SIDE_COST, costs).add(exchange);
            if (response.vectors().isEmpty()) {
                throw new IllegalStateException("the embedding model '" + model + "' answered no vector");
            }
            return SemanticEntry.normalized(response.vectors().getFirst());
        });
    }
}
