package dev.junction.stage.cache;

import dev.junction.cache.CacheKey;
import dev.junction.cache.CacheScope;
import dev.junction.cache.CachedAnswer;
import dev.junction.cache.RequestFingerprint;
import dev.junction.cache.runtime.ResponseCache;
import dev.junction.config.CacheSettings;
import dev.junction.governance.Caller;
import dev.junction.model.GatewayException;
import dev.junction.pipeline.CacheHit;
import dev.junction.pipeline.CacheableOperation;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import dev.junction.routing.Route;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks a chat request up in the response cache, after the caller and the route are known and before the limits:
 * reads the request's controls (a 400 for a bad one), decides whether its answer may be cached at all (else
 * {@code X-Cache: BYPASS}), computes its key in the caller's scope, and asks the exact {@link CacheLookup}; when that
 * misses and the route, key or request asks for it, the {@link SemanticLookup} (its embedding call skipped on an
 * exact hit). A fresh entry
 * marks the exchange with a {@link CacheHit}, which the limit, budget and cost stages read, and {@link CacheStage}
 * answers from it; otherwise the request runs and {@link CacheStage} stores its answer. A backend that cannot be
 * reached makes the request uncached (logged), never failed. Always proceeds, unless the controls are invalid.
 */
public final class CacheLookupStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger(CacheLookupStage.class);

    private final ResponseCache cache;
    private final CacheLookup exact;
    private final SemanticLookup semanticLookup;

    public CacheLookupStage(ResponseCache cache) {
        this.cache = cache;
        this.exact = new ExactLookup(cache.store());
        this.semanticLookup = new SemanticLookup(cache.semantic());
    }

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        CacheSettings settings = exchange.runtime().config().cache();
        Optional<Route> route = exchange.route();
        if (!settings.enabled() || route.isEmpty() || !(exchange.operation() instanceof CacheableOperation op)) {
            return chain.proceed(exchange);
        }
        Caller caller = exchange.caller().orElseGet(() -> Caller.configured("anonymous"));
        CacheSettings.Policy policy = settings.policy(route.get().name(), caller.attribution().keyName());
        CacheControls controls;
        try {
            controls = CacheControls.of(exchange);
        } catch (GatewayException e) {
            return Future.succeededFuture(new Reply.Refused(e.error()));
        }
        Optional<String> ineligible = !policy.enabled() ? Optional.of("disabled")
                : controls.off() ? Optional.of("request")
                : Eligibility.whyNot(op.canonical(), policy, controls);
        if (ineligible.isPresent()) {
            exchange.record().cacheOutcome("bypass");
            exchange.response().putHeader("x-cache", "BYPASS").putHeader("x-cache-bypass", ineligible.get());
            return chain.proceed(exchange);
        }
        CacheScope scope = CacheScope.of(caller.attribution(), caller.grant().isPresent(),
                CacheScope.Level.valueOf(policy.scope().name()));
        CacheKey key = RequestFingerprint.of(scope, route.get().name(), op.canonical());
        Duration ttl = controls.ttl().orElse(policy.ttl());
        CacheState.Miss miss = new CacheState.Miss(key, ttl, route.get().name(), cache.clock().instant(),
                Optional.empty());
        CacheSettings.Semantic semantic = policy.semantic();
        boolean byMeaning = controls.semantic().orElse(semantic.enabled());
        if (byMeaning && semantic.embeddingModel().isEmpty()) {
            return Future.succeededFuture(new Reply.Refused(GatewayException.invalid("x-junction-cache",
                    "The model '" + op.canonical().model() + "' has no semantic cache (its cache policy names no "
                            + "semantic.embedding_model); send 'x-junction-cache: exact' or 'off'.").error()));
        }
        Lookup lookup = new Lookup(exchange, chain, caller, scope, route.get().name(), op, semantic,
                controls.ttl().or(semantic::ttl).orElse(policy.ttl()), policy, miss);
        if (controls.noCache()) {
            return byMeaning ? lookup.byMeaning(false) : lookup.proceedMissing(false);
        }
        return exchange.onContext(exact.find(key, op.canonical())).transform(ar -> {
            if (ar.failed()) {
                LOG.warn("The response cache could not be read for request {}; answering uncached",
                        exchange.requestId(), ar.cause());
                exchange.record().cacheOutcome("bypass");
                exchange.response().putHeader("x-cache", "BYPASS").putHeader("x-cache-bypass", "unavailable");
                return chain.proceed(exchange);
            }
            var found = ar.result().filter(a -> a.freshAt(cache.clock().instant()));
            if (found.isPresent()) {
                return lookup.hit(found.get(), exact.kind(), OptionalDouble.empty());
            }
            return byMeaning ? lookup.byMeaning(true) : lookup.proceedMissing(true);
        });
    }

    /** One request's lookup once its key is known: the outcomes it may end in. */
    private final class Lookup {
        private final Exchange exchange;
        private final Chain chain;
        private final Caller caller;
        private final CacheScope scope;
        private final String route;
        private final CacheableOperation op;
        private final CacheSettings.Semantic semantic;
        private final Duration semanticTtl;
        private final CacheSettings.Policy policy;
        private final CacheState.Miss miss;

        Lookup(Exchange exchange, Chain chain, Caller caller, CacheScope scope, String route, CacheableOperation op,
               CacheSettings.Semantic semantic, Duration semanticTtl, CacheSettings.Policy policy,
               CacheState.Miss miss) {
            this.exchange = exchange;
            this.chain = chain;
            this.caller = caller;
            this.scope = scope;
            this.route = route;
            this.op = op;
            this.semantic = semantic;
            this.semanticTtl = semanticTtl;
            this.policy = policy;
            this.miss = miss;
        }

        private String keyName() {
            return caller.attribution().keyName();
        }

        Future<Reply> hit(CachedAnswer answer, String kind, OptionalDouble similarity) {
            new CacheHit(kind, policy.hitCharge(), answer.meteredNanos()).mark(exchange);
            exchange.attach(CacheState.ATTRIBUTE, new CacheState.Hit(miss.key(), answer, kind, similarity,
                    policy.replayPace()));
            cache.stats().hit(route, keyName(), answer.meteredNanos());
            return chain.proceed(exchange);
        }

        /** Runs the request, storing its answer as {@code state} says; a lookup that found nothing counts a miss. */
        Future<Reply> proceedMissing(boolean lookedUp, CacheState.Miss state) {
            exchange.attach(CacheState.ATTRIBUTE, state);
            if (lookedUp) {
                cache.stats().miss(route, keyName());
            }
            return chain.proceed(exchange);
        }

        Future<Reply> proceedMissing(boolean lookedUp) {
            return proceedMissing(lookedUp, miss);
        }

        /**
         * The semantic lookup ({@code search} false: only the embedding, so that the fresh answer is stored by
         * meaning). An embedding or index failure leaves the request an exact miss ({@code X-Cache-Semantic:
         * unavailable}), never failed.
         */
        Future<Reply> byMeaning(boolean search) {
            return semanticLookup.find(exchange, caller, scope, route, op.canonical(), semantic, search)
                    .transform(ar -> {
                        if (ar.failed()) {
                            LOG.warn("The semantic cache lookup failed for request {}; looked up exactly only",
                                    exchange.requestId(), ar.cause());
                            exchange.response().putHeader("x-cache-semantic", "unavailable");
                            return proceedMissing(search);
                        }
                        if (ar.result().isEmpty()) {
                            return proceedMissing(search);
                        }
                        SemanticLookup.Result result = ar.result().get();
                        var near = result.nearest().filter(m -> m.similarity() >= semantic.threshold()
                                && m.answer().freshAt(cache.clock().instant()));
                        if (near.isPresent()) {
                            return hit(near.get().answer(), SemanticLookup.KIND,
                                    OptionalDouble.of(near.get().similarity()));
                        }
                        return proceedMissing(search,
                                miss.withMeaning(new CacheState.ByMeaning(result.probe(), semanticTtl)));
                    });
        }
    }
}
