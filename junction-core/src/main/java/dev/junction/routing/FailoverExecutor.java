package dev.junction.routing;

import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
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

    /** Runs a chat request along the route; fails with a {@link RouteFailure}. */
    public Future<RouteOutcome> execute(ClientRequest request, Route route, String requestId,
                                        Cancellation cancellation) {
        return run(route, cancellation, (provider, step) -> adapters.apply(provider).send(new UpstreamCall(request,
                provider, step.model(), step.params(), requestId, cancellation)))
                .map(r -> new RouteOutcome(r.value(), r.step(), r.attempts()));
    }

    /**
     * Runs any kind of upstream call along the route, with the same fallback rules; fails with a
     * {@link RouteFailure}. {@code call} makes one attempt and must not throw (an exception counts as a failed
     * attempt all the same).
     */
    public <T> Future<Routed<T>> run(Route route, Cancellation cancellation,
                                     BiFunction<ProviderConfig, Deployment, Future<T>> call) {
        Promise<Routed<T>> promise = Promise.promise();
        attempt(route, 0, cancellation, call, new ArrayList<>(), promise);
        return promise.future();
    }

    private <T> void attempt(Route route, int index, Cancellation cancellation,
                             BiFunction<ProviderConfig, Deployment, Future<T>> call, List<AttemptRecord> attempts,
                             Promise<Routed<T>> promise) {
        Deployment step = route.deployments().get(index);
        ProviderConfig provider = providers.get(step.provider());
        long started = System.nanoTime();
        Future<T> reply;
        if (provider == null) {
            reply = Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway("The route '" + route.name()
                    + "' names the provider '" + step.provider() + "', which is not configured.", false)));
        } else {
            try {
                reply = call.apply(provider, step);
            } catch (RuntimeException e) {
                reply = Future.failedFuture(e);
            }
        }
        reply.onComplete(ar -> {
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            if (ar.succeeded()) {
                attempts.add(new AttemptRecord(step, Optional.empty(), latencyMs));
                promise.complete(new Routed<>(ar.result(), step, attempts));
                return;
            }
            GatewayError error = UpstreamFailure.errorOf(ar.cause());
            attempts.add(new AttemptRecord(step, Optional.of(error), latencyMs));
            boolean more = index + 1 < route.deployments().size();
            if (more && error.fallbackAllowed() && !cancellation.isCancelled()) {
                attempt(route, index + 1, cancellation, call, attempts, promise);
            } else {
                promise.fail(new RouteFailure(error, attempts));
            }
        });
    }
}
