package dev.junction.routing;

import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tries a route's steps in order. A step's failure moves on to the next step when the error allows fallback
 * (connection errors, timeouts, 429, 5xx, rejected gateway credentials); a client error (400, 404, …) ends the
 * route at once with that error. Success is declared by the adapter before anything reaches the client, so failing
 * over never duplicates output. Thread safe; each execution runs on the caller's event loop.
 */
public final class FailoverExecutor {

    private final Map<String, ProviderConfig> providers;
    private final Function<ProviderConfig, ProviderAdapter> adapters;

    /**
     * @param providers the providers by name
     * @param adapters the adapter that speaks to a provider
     */
    public FailoverExecutor(Map<String, ProviderConfig> providers, Function<ProviderConfig, ProviderAdapter> adapters) {
        this.providers = Map.copyOf(providers);
        this.adapters = adapters;
    }

    /** Runs the route; fails with a {@link RouteFailure}. */
    public Future<RouteOutcome> execute(ClientRequest request, Route route, String requestId,
                                        Cancellation cancellation) {
        Promise<RouteOutcome> promise = Promise.promise();
        attempt(request, route, 0, requestId, cancellation, new ArrayList<>(), promise);
        return promise.future();
    }

    private void attempt(ClientRequest request, Route route, int index, String requestId, Cancellation cancellation,
                         List<AttemptRecord> attempts, Promise<RouteOutcome> promise) {
        RouteStep step = route.steps().get(index);
        ProviderConfig provider = providers.get(step.provider());
        long started = System.nanoTime();
        Future<UpstreamReply> reply;
        if (provider == null) {
            reply = Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway("The route '" + route.name()
                    + "' names the provider '" + step.provider() + "', which is not configured.", false)));
        } else {
            try {
                reply = adapters.apply(provider).send(new UpstreamCall(request, provider, step.model(),
                        step.params(), requestId, cancellation));
            } catch (RuntimeException e) {
                reply = Future.failedFuture(e);
            }
        }
        reply.onComplete(ar -> {
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            if (ar.succeeded()) {
                attempts.add(new AttemptRecord(step, Optional.empty(), latencyMs));
                promise.complete(new RouteOutcome(ar.result(), step, attempts));
                return;
            }
            GatewayError error = UpstreamFailure.errorOf(ar.cause());
            attempts.add(new AttemptRecord(step, Optional.of(error), latencyMs));
            boolean more = index + 1 < route.steps().size();
            if (more && error.fallbackAllowed() && !cancellation.isCancelled()) {
                attempt(request, route, index + 1, requestId, cancellation, attempts, promise);
            } else {
                promise.fail(new RouteFailure(error, attempts));
            }
        });
    }
}
