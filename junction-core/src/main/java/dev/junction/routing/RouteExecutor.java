package dev.junction.routing;

import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.provider.KeyPool.PooledKey;
import dev.junction.provider.ProviderConfig;
import dev.junction.routing.health.HealthTracker;
import dev.junction.routing.health.ReservedAttempt;
import dev.junction.routing.strategy.PickContext;
import dev.junction.routing.strategy.Strategies;
import dev.junction.routing.strategy.Strategy;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Runs a request along its route: group after group (priority tiers), each group's available deployments in the
 * order its strategy chooses, with the route's retry and fallback rules and the deployments' health. An attempt
 * succeeds when the adapter declares success (a complete body, or a stream's first event), so nothing has reached the
 * client while the executor still moves on; afterwards it never switches. Thread safe; each execution runs on the
 * caller's event loop and never blocks (waits between passes are timers).
 */
public final class RouteExecutor {

    /** Sets and cancels timers; Vert.x's in production, a manual clock in tests. */
    public interface Timers {
        long set(long delayMillis, Runnable action);

        void cancel(long id);
    }

    private final Map<String, ProviderConfig> providers;
    private final Function<ProviderConfig, ProviderAdapter> adapters;
    private final HealthTracker health;
    private final Timers timers;
    private final Function<String, Optional<Route>> routes;
    /** Strategy state lives per route group and survives configuration reloads that keep the names. */
    private final Map<String, Strategy> strategies;
    private final DeploymentGate gate;

    /**
     * @param providers the providers by name
     * @param adapters the chat adapter that speaks to a provider
     * @param health the deployments' health, shared by every runtime of the process
     * @param routes route lookup by name, for content-policy fallback routes
     * @param strategies strategy instances by route group (see {@link #strategyKey}), shared across reloads
     */
    public RouteExecutor(Map<String, ProviderConfig> providers, Function<ProviderConfig, ProviderAdapter> adapters,
                         HealthTracker health, Timers timers, Function<String, Optional<Route>> routes,
                         Map<String, Strategy> strategies) {
        this(providers, adapters, health, timers, routes, strategies, DeploymentGate.OPEN);
    }

    /**
     * An executor whose deployments' own limits are also shared through {@code gate} (replicas sharing Redis).
     */
    public RouteExecutor(Map<String, ProviderConfig> providers, Function<ProviderConfig, ProviderAdapter> adapters,
                         HealthTracker health, Timers timers, Function<String, Optional<Route>> routes,
                         Map<String, Strategy> strategies, DeploymentGate gate) {
        this.providers = Map.copyOf(providers);
        this.adapters = adapters;
        this.health = health;
        this.timers = timers;
        this.routes = routes;
        this.strategies = strategies;
        this.gate = gate;
    }

    /** A fresh map for {@link #strategies}, to be kept across runtimes. */
    public static Map<String, Strategy> newStrategyState() {
        return new ConcurrentHashMap<>();
    }

    /** Runs a chat request; fails with a {@link RouteFailure}. */
    public Future<RouteOutcome> execute(ClientRequest request, Route route, RequestFacts facts, Pin pin,
                                        String requestId, Cancellation cancellation) {
        return execute(request, route, facts, pin, DeploymentOrder.STRATEGY, requestId, cancellation);
    }

    /** Runs a chat request whose groups' orders {@code order} has the last word on; fails with a {@link RouteFailure}. */
    public Future<RouteOutcome> execute(ClientRequest request, Route route, RequestFacts facts, Pin pin,
                                        DeploymentOrder order, String requestId, Cancellation cancellation) {
        return run(route, facts, pin, order, cancellation, (provider, deployment) -> adapters.apply(provider)
                .send(new UpstreamCall(request, provider, deployment.model(),
                        deployment.params().then(route.params()), requestId, cancellation)))
                .map(r -> {
                    r.value().rateLimits().exhaustedFor().ifPresent(wait -> health.exhausted(r.step(), wait));
                    return new RouteOutcome(r.value(), r.step(), r.attempts(), r.delivered());
                });
    }

    /**
     * Runs any kind of upstream call along the route with the same rules; fails with a {@link RouteFailure}.
     * {@code call} makes one attempt at the given provider (its timeouts already those of the deployment or route)
     * and must not throw; an exception counts as a failed attempt all the same.
     */
    public <T> Future<Routed<T>> run(Route route, RequestFacts facts, Pin pin, Cancellation cancellation,
                                     BiFunction<ProviderConfig, Deployment, Future<T>> call) {
        return run(route, facts, pin, DeploymentOrder.STRATEGY, cancellation, call);
    }

    /** {@link #run(Route, RequestFacts, Pin, Cancellation, BiFunction)}, {@code order} having the last word. */
    public <T> Future<Routed<T>> run(Route route, RequestFacts facts, Pin pin, DeploymentOrder order,
                                     Cancellation cancellation, BiFunction<ProviderConfig, Deployment, Future<T>> call) {
        Promise<Routed<T>> promise = Promise.promise();
        new Execution<>(route, facts, pin, order, cancellation, call, promise).pass();
        return promise.future();
    }

    /** A consumer that runs its action the first time only. */
    private static LongConsumer once(LongConsumer action) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return value -> {
            if (done.compareAndSet(false, true)) {
                action.accept(value);
            }
        };
    }

    /**
     * The key under which a group's strategy instance is kept: the group's name (unique in a configuration; a shared
     * group keeps one state for every route using it with the same strategy), never the route's name, which for a
     * wildcard route is whatever the client sent and would let the state grow without bound.
     */
    static String strategyKey(Route route, RouteGroup group) {
        return group.name() + "\u0000" + route.strategy();
    }

    private Strategy strategy(Route route, RouteGroup group) {
        return strategies.computeIfAbsent(strategyKey(route, group), k -> Strategies.create(route.strategy()));
    }

    /** One request's way along a route. Confined to the caller's event loop. */
    private final class Execution<T> {
        private final RequestFacts facts;
        private final Pin pin;
        private final DeploymentOrder order;
        private final Cancellation cancellation;
        private final BiFunction<ProviderConfig, Deployment, Future<T>> call;
        private final Promise<Routed<T>> promise;
        private final List<AttemptRecord> attempts = new ArrayList<>();
        private Route route;
        private boolean switchedForContent;
        /** Deployments retried once after their platform's refused token was dropped (a fresh one is fetched). */
        private final Set<String> renewedCredentials = new HashSet<>();
        private long contextFloor = -1;
        private int passes;
        private int groupIndex;
        private List<Deployment> queue = List.of();
        private int queueIndex;
        private int attemptsThisPass;
        /** Attempts this request may make: the route's, plus a content-policy fallback route's when it switches. */
        private int budget;
        private GatewayError lastError;

        Execution(Route route, RequestFacts facts, Pin pin, DeploymentOrder order, Cancellation cancellation,
                  BiFunction<ProviderConfig, Deployment, Future<T>> call, Promise<Routed<T>> promise) {
            this.route = route;
            this.facts = facts;
            this.pin = pin;
            this.order = order;
            this.cancellation = cancellation;
            this.call = call;
            this.promise = promise;
            this.budget = route.retry().maxAttempts();
        }

        /** Starts a pass over the route's groups. */
        void pass() {
            passes++;
            groupIndex = 0;
            attemptsThisPass = 0;
            queue = List.of();
            queueIndex = 0;
            next();
        }

        /** Tries the next deployment, moving to the next group when this one is done, ending the pass at the end. */
        void next() {
            while (true) {
                if (cancellation.isCancelled()) {
                    fail(new GatewayError.Internal("The client went away."));
                    return;
                }
                if (attempts.size() >= budget) {
                    fail(lastError);
                    return;
                }
                if (queueIndex < queue.size()) {
                    Deployment deployment = queue.get(queueIndex++);
                    if (!biggerWindow(deployment)) {
                        continue; // a context-window overflow since the group was ordered
                    }
                    // A pinned deployment is tried as it is, health aside: nothing is reserved, nothing reported.
                    Optional<ReservedAttempt> reserved = Optional.empty();
                    if (pin.isEmpty()) {
                        reserved = health.tryAcquire(deployment, facts.totalTokens());
                        if (reserved.isEmpty()) {
                            continue;
                        }
                    }
                    if (reserved.isPresent() && gate != DeploymentGate.OPEN
                            && (deployment.rpm().isPresent() || deployment.tpm().isPresent())) {
                        gated(deployment, reserved.get());
                    } else {
                        attempt(deployment, reserved, Optional.empty());
                    }
                    return;
                }
                if (groupIndex >= route.groups().size()) {
                    endOfPass();
                    return;
                }
                RouteGroup group = route.groups().get(groupIndex++);
                try {
                    queue = candidates(group);
                } catch (GatewayException e) {
                    fail(e.error());
                    return;
                }
                queueIndex = 0;
            }
        }

        private List<Deployment> candidates(RouteGroup group) {
            List<Deployment> available = new ArrayList<>(group.deployments().size());
            for (Deployment d : group.deployments()) {
                if (!d.capabilities().serves(facts.operation()) || !pin.matches(d) || !biggerWindow(d)) {
                    continue;
                }
                if (pin.isEmpty() && !health.available(d)) {
                    continue;
                }
                ProviderConfig provider = providers.get(d.provider());
                if (provider != null && !health.keys().usable(provider)) {
                    continue; // every key of its provider rests or was refused
                }
                available.add(d);
            }
            if (available.isEmpty() || !pin.isEmpty()) {
                return available; // a pinned deployment is tried as it is, health and strategy aside
            }
            List<Deployment> ordered = strategy(route, group).order(available,
                    new PickContext(facts, health, ThreadLocalRandom.current()));
            if (order == DeploymentOrder.STRATEGY || ordered.isEmpty()) {
                return ordered;
            }
            return order.order(route, group, ordered).stream().filter(ordered::contains).distinct().toList();
        }

        /** After a "context window exceeded", only deployments known to have a larger window are worth trying. */
        private boolean biggerWindow(Deployment d) {
            return contextFloor < 0 || d.capabilities().contextWindow().orElse(0) > contextFloor;
        }

        /**
         * Asks the shared limits before the attempt; a deployment out of room rests locally until it has room again
         * (no further round trips meanwhile), and the next one is tried.
         */
        private void gated(Deployment deployment, ReservedAttempt reserved) {
            String lease = UUID.randomUUID().toString();
            gate.admit(deployment, facts.totalTokens(), lease).onComplete(ar -> {
                Optional<Duration> wait = ar.succeeded() ? ar.result() : Optional.empty();
                if (wait.isEmpty()) {
                    attempt(deployment, Optional.of(reserved), Optional.of(lease));
                    return;
                }
                health.abandoned(reserved);
                health.exhausted(deployment, wait.get());
                lastError = new GatewayError.RateLimited("The deployment '" + deployment.id()
                        + "' is at its own rate limit.", wait);
                next();
            });
        }

        /**
         * Sends one attempt; its outcome is reported on {@code reserved}, when health reserved it, and the tokens it
         * used to the shared gate, when the gate admitted it under {@code lease}.
         */
        private void attempt(Deployment deployment, Optional<ReservedAttempt> reserved, Optional<String> lease) {
            attemptsThisPass++;
            long started = System.nanoTime();
            Instant startedAt = Instant.now();
            ProviderConfig provider = providers.get(deployment.provider());
            Optional<PooledKey> key = Optional.empty();
            if (provider != null && provider.keys().pooled()) {
                key = health.keys().pick(provider);
                if (key.isEmpty()) { // its last usable key rested or was refused since the group was ordered
                    reserved.ifPresent(health::abandoned);
                    attemptsThisPass--;
                    next();
                    return;
                }
                provider = provider.withApiKey(key.get().secret());
            }
            ProviderConfig sent = provider;
            Optional<PooledKey> sentKey = key;
            Future<T> reply;
            if (provider == null) {
                reply = Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway("The route '"
                        + route.name() + "' names the provider '" + deployment.provider()
                        + "', which is not configured.", false)));
            } else {
                try {
                    reply = call.apply(withTimeouts(provider, deployment), deployment);
                } catch (RuntimeException e) {
                    reply = Future.failedFuture(e);
                }
            }
            reply.onComplete(ar -> {
                long elapsedNanos = System.nanoTime() - started;
                long latencyMs = elapsedNanos / 1_000_000;
                long estimate = facts.totalTokens();
                if (ar.succeeded()) {
                    sentKey.ifPresent(k -> health.keys().succeeded(sent, k));
                    reserved.ifPresent(a -> health.succeeded(a, Duration.ofNanos(elapsedNanos)));
                    LongConsumer delivered = once(used -> {
                        reserved.ifPresent(a -> health.delivered(a, used));
                        lease.ifPresent(id -> gate.used(deployment, id, estimate, used));
                    });
                    attempts.add(new AttemptRecord(deployment, Optional.empty(), latencyMs, startedAt));
                    promise.tryComplete(new Routed<>(ar.result(), deployment, attempts, delivered));
                    return;
                }
                lease.ifPresent(id -> gate.used(deployment, id, estimate, 0));
                GatewayError error = UpstreamFailure.errorOf(ar.cause());
                if (cancellation.isCancelled()) {
                    reserved.ifPresent(health::abandoned);
                    fail(new GatewayError.Internal("The client went away."));
                    return;
                }
                attempts.add(new AttemptRecord(deployment, Optional.of(error), latencyMs, startedAt));
                lastError = error;
                if (renewsCredential(sent, error) && renewedCredentials.add(deployment.id())) {
                    // The platform's token was refused and forgotten (BearerTokens): once more with a fresh one,
                    // judging nothing and using up none of the route's attempts.
                    reserved.ifPresent(health::abandoned);
                    budget++;
                    queueIndex--;
                    next();
                    return;
                }
                if (sentKey.isPresent() && keyFailure(sent, sentKey.get(), error) && health.keys().usable(sent)) {
                    // The key's fault, not the deployment's: judge nothing, and try the deployment with another key.
                    // The switch does not use up the route's attempts: each key is out after one such failure, so
                    // a request makes at most one extra attempt per key of the pool.
                    reserved.ifPresent(health::abandoned);
                    budget++;
                    queueIndex--;
                    next();
                    return;
                }
                reserved.ifPresent(a -> health.failed(a, error));
                afterFailure(deployment, error);
            });
        }

        /** Whether the provider's credential was refused and its platform fetches a new one on the next attempt. */
        private static boolean renewsCredential(ProviderConfig provider, GatewayError error) {
            return provider != null && provider.platform().renewsCredentials()
                    && error instanceof GatewayError.BadGateway bad && bad.credentialsRefused();
        }

        /** Notes a 429 or a refusal against the key that got it; true when the error was one of those. */
        private boolean keyFailure(ProviderConfig provider, PooledKey key, GatewayError error) {
            switch (error) {
                case GatewayError.RateLimited limited -> {
                    health.keys().rateLimited(provider, key, limited.retryAfter());
                    return true;
                }
                case GatewayError.BadGateway bad when bad.credentialsRefused() -> {
                    health.keys().refused(provider, key);
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        private ProviderConfig withTimeouts(ProviderConfig provider, Deployment deployment) {
            return deployment.timeouts().or(route::timeouts).map(provider::withTimeouts).orElse(provider);
        }

        private void afterFailure(Deployment deployment, GatewayError error) {
            switch (error) {
                case GatewayError.ContextWindowExceeded c when route.fallback().contextWindow() -> {
                    contextFloor = Math.max(contextFloor, deployment.capabilities().contextWindow()
                            .orElse((int) Math.min(Integer.MAX_VALUE, facts.totalTokens())));
                    next();
                }
                case GatewayError.ContentFiltered c when route.fallback().contentPolicy().isPresent()
                        && !switchedForContent -> {
                    Optional<Route> fallback = routes.apply(route.fallback().contentPolicy().get());
                    if (fallback.isEmpty()) {
                        fail(error);
                        return;
                    }
                    switchedForContent = true;
                    route = fallback.get();
                    budget = attempts.size() + route.retry().maxAttempts();
                    groupIndex = 0;
                    queue = List.of();
                    queueIndex = 0;
                    next();
                }
                default -> {
                    if (error.fallbackAllowed() || route.fallback().statuses().contains(error.status())) {
                        next();
                    } else {
                        fail(error);
                    }
                }
            }
        }

        /** Every group was tried: wait and start over while the retry budget lasts and waiting can help. */
        private void endOfPass() {
            if (lastError == null || attemptsThisPass == 0 || !lastError.retryable()
                    || attempts.size() >= budget) {
                fail(noneAvailable());
                return;
            }
            Duration wait = backoff();
            Optional<Duration> retryAfter = lastError.retryAfter();
            if (retryAfter.isPresent()) {
                if (retryAfter.get().compareTo(route.retry().maxRetryAfter()) > 0) {
                    fail(lastError);
                    return;
                }
                wait = retryAfter.get().compareTo(wait) > 0 ? retryAfter.get() : wait;
            }
            long timer = timers.set(Math.max(1, wait.toMillis()), this::pass);
            cancellation.onCancel(() -> timers.cancel(timer));
        }

        /** Exponential backoff with full jitter between half and all of the step. */
        private Duration backoff() {
            RetryPolicy retry = route.retry();
            long base = retry.initialBackoff().toMillis() << Math.min(20, passes - 1);
            long capped = Math.min(base, retry.maxBackoff().toMillis());
            return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
        }

        /** The last error, or, when nothing could be tried at all, a 503 saying when something will be. */
        private GatewayError noneAvailable() {
            if (lastError != null) {
                return lastError;
            }
            if (route.deployments().stream().noneMatch(d -> d.capabilities().serves(facts.operation()))) {
                return new GatewayError.InvalidRequest("The model '" + route.name() + "' does not serve "
                        + facts.operation().wireName() + " requests.");
            }
            OptionalLong deployments = health.nextAvailableNanos(route.deployments());
            OptionalLong keys = route.deployments().stream().map(d -> providers.get(d.provider()))
                    .filter(p -> p != null && p.keys().pooled() && !health.keys().usable(p))
                    .map(health.keys()::nextUsableNanos).flatMapToLong(OptionalLong::stream).min();
            OptionalLong at = java.util.stream.LongStream.concat(deployments.stream(), keys.stream()).min();
            Optional<Duration> wait = at.isEmpty() ? Optional.empty()
                    : Optional.of(Duration.ofNanos(Math.max(0, at.getAsLong() - System.nanoTime())));
            return new GatewayError.Unavailable("No deployment of '" + route.name() + "' can take the request now"
                    + (pin.isEmpty() ? "" : " (the pinned " + pin + " matches none)")
                    + ": they are cooling down, over their limits, their circuits are open or their providers' keys "
                    + "are resting.", wait);
        }

        private void fail(GatewayError error) {
            promise.tryFail(new RouteFailure(error != null ? error : noneAvailable(), attempts));
        }
    }
}
