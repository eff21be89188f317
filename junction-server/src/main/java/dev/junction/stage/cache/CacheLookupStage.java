package dev.junction.stage.cache;

import dev.junction.cache.CacheKey;
import dev.junction.cache.CacheScope;
import dev.junction.cache.RequestFingerprint;
import dev.junction.cache.ResponseCache;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks a chat request up in the response cache, after the caller and the route are known and before the limits:
 * reads the request's controls (a 400 for a bad one), decides whether its answer may be cached at all (else
 * {@code X-Cache: BYPASS}), computes its key in the caller's scope, and asks the {@link CacheLookup}. A fresh entry
 * marks the exchange with a {@link CacheHit}, which the limit, budget and cost stages read, and {@link CacheStage}
 * answers from it; otherwise the request runs and {@link CacheStage} stores its answer. A backend that cannot be
 * reached makes the request uncached (logged), never failed. Always proceeds, unless the controls are invalid.
 */
public final class CacheLookupStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger(CacheLookupStage.class);

    private final ResponseCache cache;
    private final CacheLookup lookup;

    public CacheLookupStage(ResponseCache cache) {
        this.cache = cache;
        this.lookup = new ExactLookup(cache.store());
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
            exchange.response().putHeader("x-cache", "BYPASS").putHeader("x-cache-bypass", ineligible.get());
            return chain.proceed(exchange);
        }
        CacheScope scope = CacheScope.of(caller.attribution(), caller.grant().isPresent(),
                CacheScope.Level.valueOf(policy.scope().name()));
        CacheKey key = RequestFingerprint.of(scope, route.get().name(), op.canonical());
        Duration ttl = controls.ttl().orElse(policy.ttl());
        CacheState.Miss miss = new CacheState.Miss(key, ttl, route.get().name(), cache.clock().instant());
        if (controls.noCache()) {
            exchange.attach(CacheState.ATTRIBUTE, miss);
            return chain.proceed(exchange);
        }
        String keyName = caller.attribution().keyName();
        return exchange.onContext(lookup.find(key, op.canonical())).transform(ar -> {
            if (ar.failed()) {
                LOG.warn("The response cache could not be read for request {}; answering uncached",
                        exchange.requestId(), ar.cause());
                exchange.response().putHeader("x-cache", "BYPASS").putHeader("x-cache-bypass", "unavailable");
                return chain.proceed(exchange);
            }
            var found = ar.result().filter(a -> a.freshAt(cache.clock().instant()));
            if (found.isPresent()) {
                new CacheHit(lookup.kind(), policy.hitCharge(), found.get().meteredNanos()).mark(exchange);
                exchange.attach(CacheState.ATTRIBUTE, new CacheState.Hit(key, found.get(), lookup.kind()));
                cache.stats().hit(route.get().name(), keyName, found.get().meteredNanos());
            } else {
                exchange.attach(CacheState.ATTRIBUTE, miss);
                cache.stats().miss(route.get().name(), keyName);
            }
            return chain.proceed(exchange);
        });
    }
}
