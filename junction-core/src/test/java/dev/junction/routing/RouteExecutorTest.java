package dev.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** The executor over fake adapters, a fake health tracker and manual timers. */
class RouteExecutorTest {

    private static final UpstreamReply OK = new UpstreamReply.Synthesized(new ChatResponse("chatcmpl-1", "m", 1,
            List.of(), Usage.ZERO, Extensions.none()), Set.of());

    private static final GatewayError SERVER_ERROR = new GatewayError.BadGateway("HTTP 500", true);
    private static final GatewayError RATE_LIMITED = new GatewayError.RateLimited("slow down",
            Optional.of(Duration.ofSeconds(1)));
    private static final GatewayError TIMEOUT = new GatewayError.Timeout("timed out");
    private static final GatewayError CONNECT_FAILED = new GatewayError.Unavailable("Could not connect",
            Optional.empty());
    private static final GatewayError BAD_REQUEST = new GatewayError.UpstreamRejected(400, "bad 'temperature'",
            Optional.of("invalid_request_error"), Optional.of("temperature"), Optional.of("invalid_value"));

    /** What each fake provider answers, and the calls it received, in order. */
    private final Map<String, Function<UpstreamCall, Future<UpstreamReply>>> answers = new HashMap<>();
    private final List<String> called = new ArrayList<>();
    private final Cancellation cancellation = new Cancellation();

    private static final Deployment A = Deployment.of("a", "model-a", ParamRules.NONE);
    private static final Deployment B = Deployment.of("b", "model-b", ParamRules.NONE);
    private static final Deployment C = Deployment.of("c", "model-c", ParamRules.NONE);

    /** One pass over three single-deployment groups, no retries: the foundation's failover. */
    private static final Route ROUTE = withRetry(Route.ofSteps("general", List.of(A, B, C)),
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)));

    private final FakeHealth health = new FakeHealth();
    private final ManualTimers timers = new ManualTimers();
    private final Map<String, Route> routes = new HashMap<>();
    private Route route = ROUTE;
    private Pin pin = Pin.NONE;

    static Route withRetry(Route r, RetryPolicy retry) {
        return new Route(r.name(), r.groups(), r.strategy(), retry, r.fallback(), r.params(), r.timeouts());
    }

    private void answer(String provider, GatewayError error) {
        answers.put(provider, call -> Future.failedFuture(new UpstreamFailure(error)));
    }

    private void succeed(String provider) {
        answers.put(provider, call -> Future.succeededFuture(OK));
    }

    private RouteExecutor executor(String... providers) {
        Map<String, ProviderConfig> configs = new HashMap<>();
        for (String p : providers) {
            configs.put(p, ModelResolverTest.provider(p, List.of(), List.of()));
        }
        return new RouteExecutor(configs, config -> (ProviderAdapter) call -> {
            called.add(config.name() + "/" + call.upstreamModel());
            return answers.get(config.name()).apply(call);
        }, health, timers, name -> Optional.ofNullable(routes.get(name)), RouteExecutor.newStrategyState());
    }

    private Future<RouteOutcome> run(RouteExecutor executor) {
        ObjectNode body = (ObjectNode) Json.tryParse(
                "{\"model\":\"general\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").orElseThrow();
        return executor.execute(new ClientRequest(Dialect.OPENAI_CHAT, body,
                dev.junction.dialect.openai.OpenAiRequestMapper.toCanonical(body)), route, RequestFacts.NONE, pin,
                "req-1", cancellation);
    }

    static Stream<Arguments> fallbackErrors() {
        return Stream.of(Arguments.of("500", SERVER_ERROR), Arguments.of("429", RATE_LIMITED),
                Arguments.of("timeout", TIMEOUT), Arguments.of("connect error", CONNECT_FAILED),
                Arguments.of("503", new GatewayError.Unavailable("overloaded", Optional.empty())),
                Arguments.of("401 of the gateway's key", new GatewayError.BadGateway("rejected key", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fallbackErrors")
    void failureThatAllowsFallbackMovesToTheNextStep(String what, GatewayError error) {
        answer("a", error);
        succeed("b");

        Future<RouteOutcome> outcome = run(executor("a", "b", "c"));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.result().step().provider()).isEqualTo("b");
        assertThat(called).containsExactly("a/model-a", "b/model-b");
    }

    @Test
    void upstreamRejectionOfTheRequestStopsAtOnce() {
        answer("a", BAD_REQUEST);
        succeed("b");

        Future<RouteOutcome> outcome = run(executor("a", "b", "c"));

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.cause()).isInstanceOfSatisfying(RouteFailure.class,
                f -> assertThat(f.error()).isEqualTo(BAD_REQUEST));
        assertThat(called).containsExactly("a/model-a");
    }

    @Test
    void everyAttemptIsRecordedInOrderWithItsError() {
        answer("a", SERVER_ERROR);
        answer("b", RATE_LIMITED);
        succeed("c");

        RouteOutcome outcome = run(executor("a", "b", "c")).result();

        assertThat(outcome.attempts()).extracting(AttemptRecord::step).extracting(Deployment::label)
                .containsExactly("a/model-a", "b/model-b", "c/model-c");
        assertThat(outcome.attempts()).extracting(AttemptRecord::error)
                .containsExactly(Optional.of(SERVER_ERROR), Optional.of(RATE_LIMITED), Optional.empty());
        assertThat(outcome.attempts()).allSatisfy(a -> assertThat(a.latencyMs()).isNotNegative());
        assertThat(outcome.reply()).isSameAs(OK);
    }

    @Test
    void whenEveryStepFailsTheLastErrorIsReportedWithAllAttempts() {
        answer("a", SERVER_ERROR);
        answer("b", TIMEOUT);
        answer("c", CONNECT_FAILED);

        Future<RouteOutcome> outcome = run(executor("a", "b", "c"));

        assertThat(outcome.cause()).isInstanceOfSatisfying(RouteFailure.class, f -> {
            assertThat(f.error()).isEqualTo(CONNECT_FAILED);
            assertThat(f.attempts()).hasSize(3);
        });
    }

    @Test
    void noFurtherAttemptStartsAfterCancellation() {
        answers.put("a", call -> {
            cancellation.cancel();
            return Future.failedFuture(new UpstreamFailure(SERVER_ERROR));
        });
        succeed("b");

        Future<RouteOutcome> outcome = run(executor("a", "b", "c"));

        assertThat(called).containsExactly("a/model-a");
        assertThat(outcome.failed()).isTrue();
        assertThat(health.events).containsExactly("acquire a/model-a", "abandoned a/model-a");
    }

    @Test
    void eachAttemptReceivesItsStepsModelRequestIdAndCancellation() {
        List<UpstreamCall> calls = new ArrayList<>();
        answers.put("a", call -> {
            calls.add(call);
            return Future.succeededFuture(OK);
        });

        run(executor("a"));

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.upstreamModel()).isEqualTo("model-a");
            assertThat(call.requestId()).isEqualTo("req-1");
            assertThat(call.cancellation()).isSameAs(cancellation);
            assertThat(call.provider().name()).isEqualTo("a");
        });
    }

    @Test
    void stepNamingAnUnconfiguredProviderFailsOverToTheNextStep() {
        succeed("b");

        RouteOutcome outcome = run(executor("b", "c")).result();

        assertThat(outcome.step().provider()).isEqualTo("b");
        assertThat(outcome.attempts().getFirst().error()).hasValueSatisfying(e ->
                assertThat(e).isInstanceOf(GatewayError.BadGateway.class));
    }

    @Test
    void adapterThatThrowsIsAFailedAttemptNotACrash() {
        answers.put("a", call -> {
            throw new IllegalStateException("bug");
        });
        succeed("b");

        Future<RouteOutcome> outcome = run(executor("a", "b"));

        assertThat(outcome.cause()).isInstanceOfSatisfying(RouteFailure.class,
                f -> assertThat(f.error()).isInstanceOf(GatewayError.Internal.class));
    }

    // --- pools, retries and fallback reasons -------------------------------------------------------------------

    private static Route pool(String strategy, RetryPolicy retry, FallbackRules fallback, List<RouteGroup> groups) {
        return new Route("pool", groups, strategy, retry, fallback, ParamRules.NONE, Optional.empty());
    }

    private static Deployment windowed(String provider, int window) {
        return new Deployment(provider + "/m", provider, "m", 1, Set.of(),
                new Capabilities(java.util.OptionalInt.of(window), true, true), java.util.OptionalInt.empty(),
                java.util.OptionalInt.empty(), Optional.empty(), ParamRules.NONE, Optional.empty());
    }

    @Test
    void groupsAreTriedInOrderAndALaterGroupOnlyWhenTheFirstFails() {
        route = pool("priority", RetryPolicy.DEFAULTS, FallbackRules.DEFAULTS, List.of(
                new RouteGroup("first", List.of(A, B)), new RouteGroup("second", List.of(C))));
        answer("a", SERVER_ERROR);
        answer("b", SERVER_ERROR);
        succeed("c");

        RouteOutcome outcome = run(executor("a", "b", "c")).result();

        assertThat(called).containsExactly("a/model-a", "b/model-b", "c/model-c");
        assertThat(outcome.step()).isEqualTo(C);
    }

    @Test
    void unavailableDeploymentsAreSkippedWithoutAnAttempt() {
        health.unavailable.add("a/model-a");
        succeed("b");

        RouteOutcome outcome = run(executor("a", "b", "c")).result();

        assertThat(called).containsExactly("b/model-b");
        assertThat(outcome.attempts()).hasSize(1);
    }

    @Test
    void whenNothingIsAvailableTheClientGets503WithTheEarliestRecovery() {
        health.unavailable.addAll(List.of("a/model-a", "b/model-b", "c/model-c"));
        health.nextAvailable = System.nanoTime() + Duration.ofSeconds(7).toNanos();

        Future<RouteOutcome> outcome = run(executor("a", "b", "c"));

        assertThat(called).isEmpty();
        assertThat(outcome.cause()).isInstanceOfSatisfying(RouteFailure.class, f -> {
            assertThat(f.error()).isInstanceOf(GatewayError.Unavailable.class);
            assertThat(f.error().retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(
                    Duration.ofSeconds(6), Duration.ofSeconds(7)));
        });
    }

    @Test
    void afterAFailedPassTheRouteStartsOverAfterABackoff() {
        route = withRetry(Route.ofSteps("general", List.of(A, B)), new RetryPolicy(4, Duration.ofMillis(200),
                Duration.ofSeconds(2), Duration.ofSeconds(5)));
        answer("a", SERVER_ERROR);
        answer("b", SERVER_ERROR);

        Future<RouteOutcome> outcome = run(executor("a", "b"));

        assertThat(outcome.isComplete()).isFalse();
        assertThat(timers.delays).singleElement().satisfies(d -> assertThat(d).isBetween(100L, 200L));
        succeed("b");
        timers.fire();
        assertThat(called).containsExactly("a/model-a", "b/model-b", "a/model-a", "b/model-b");
        assertThat(outcome.result().attempts()).hasSize(4);
    }

    @Test
    void theRetryBudgetCapsAttemptsAcrossPasses() {
        route = withRetry(Route.ofSteps("general", List.of(A, B)), new RetryPolicy(3, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofSeconds(5)));
        answer("a", SERVER_ERROR);
        answer("b", SERVER_ERROR);

        Future<RouteOutcome> outcome = run(executor("a", "b"));
        timers.fire();

        assertThat(called).hasSize(3);
        assertThat(outcome.failed()).isTrue();
        assertThat(timers.delays).hasSize(1);
    }

    @Test
    void aShortRetryAfterIsWaitedForAndALongOneIsNot() {
        route = withRetry(Route.ofSteps("general", List.of(A)), new RetryPolicy(3, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofSeconds(5)));
        answer("a", new GatewayError.RateLimited("slow down", Optional.of(Duration.ofSeconds(2))));

        Future<RouteOutcome> shortWait = run(executor("a"));

        assertThat(timers.delays).containsExactly(2000L);
        assertThat(shortWait.isComplete()).isFalse();

        answer("a", new GatewayError.RateLimited("slow down", Optional.of(Duration.ofSeconds(60))));
        timers.fire();

        assertThat(shortWait.failed()).isTrue();
        assertThat(timers.delays).hasSize(1);
    }

    @Test
    void cancellingDuringABackoffStopsTheRetry() {
        route = withRetry(Route.ofSteps("general", List.of(A)), RetryPolicy.DEFAULTS);
        answer("a", SERVER_ERROR);

        run(executor("a"));
        cancellation.cancel();

        assertThat(timers.cancelled).hasSize(1);
        assertThat(called).hasSize(1);
    }

    @Test
    void aContextWindowOverflowMovesToADeploymentWithALargerWindowOnly() {
        Deployment small = windowed("small", 8_000);
        Deployment alsoSmall = windowed("also-small", 8_000);
        Deployment large = windowed("large", 200_000);
        route = pool("priority", RetryPolicy.DEFAULTS, FallbackRules.DEFAULTS, List.of(
                new RouteGroup("g", List.of(small, alsoSmall, large))));
        answer("small", new GatewayError.ContextWindowExceeded("too long"));
        answer("also-small", SERVER_ERROR);
        succeed("large");

        RouteOutcome outcome = run(executor("small", "also-small", "large")).result();

        assertThat(called).containsExactly("small/m", "large/m");
        assertThat(outcome.step()).isEqualTo(large);
    }

    @Test
    void aContextWindowOverflowWithNoLargerWindowIsTheClientsError() {
        Deployment small = windowed("small", 8_000);
        route = pool("priority", RetryPolicy.DEFAULTS, FallbackRules.DEFAULTS, List.of(
                new RouteGroup("g", List.of(small, windowed("other", 8_000)))));
        answer("small", new GatewayError.ContextWindowExceeded("too long"));

        Future<RouteOutcome> outcome = run(executor("small", "other"));

        assertThat(outcome.cause()).isInstanceOfSatisfying(RouteFailure.class, f ->
                assertThat(f.error()).isInstanceOf(GatewayError.ContextWindowExceeded.class));
        assertThat(called).containsExactly("small/m");
    }

    @Test
    void aContentPolicyRefusalGoesToTheDesignatedFallbackRoute() {
        routes.put("safe", Route.ofSteps("safe", List.of(C)));
        route = pool("priority", RetryPolicy.DEFAULTS, new FallbackRules(Set.of(), Optional.of("safe"), true),
                List.of(new RouteGroup("g", List.of(A, B))));
        answer("a", new GatewayError.ContentFiltered("refused"));
        succeed("b");
        succeed("c");

        RouteOutcome outcome = run(executor("a", "b", "c")).result();

        assertThat(called).containsExactly("a/model-a", "c/model-c");
        assertThat(outcome.step()).isEqualTo(C);
    }

    @Test
    void aContentPolicyRefusalWithoutAFallbackRouteIsReported() {
        answer("a", new GatewayError.ContentFiltered("refused"));
        succeed("b");

        Future<RouteOutcome> outcome = run(executor("a", "b", "c"));

        assertThat(called).containsExactly("a/model-a");
        assertThat(outcome.cause()).isInstanceOfSatisfying(RouteFailure.class, f ->
                assertThat(f.error()).isInstanceOf(GatewayError.ContentFiltered.class));
    }

    @Test
    void statusesTheRouteNamesFallBackToo() {
        route = pool("priority", RetryPolicy.DEFAULTS, new FallbackRules(Set.of(400), Optional.empty(), true),
                List.of(new RouteGroup("g", List.of(A, B))));
        answer("a", BAD_REQUEST);
        succeed("b");

        assertThat(run(executor("a", "b")).result().step()).isEqualTo(B);
    }

    @Test
    void aPinnedDeploymentIsTheOnlyOneTriedEvenWhenUnhealthy() {
        health.unavailable.add("b/model-b");
        pin = Pin.of("b/model-b", null);
        succeed("a");
        succeed("b");

        RouteOutcome outcome = run(executor("a", "b", "c")).result();

        assertThat(called).containsExactly("b/model-b");
        assertThat(outcome.step()).isEqualTo(B);
        assertThat(health.events).isEmpty();
    }

    @Test
    void healthHearsEveryOutcome() {
        answer("a", SERVER_ERROR);
        succeed("b");

        run(executor("a", "b", "c"));

        assertThat(health.events).containsExactly("acquire a/model-a", "failed a/model-a upstream_error",
                "acquire b/model-b", "succeeded b/model-b");
    }

    @Test
    void theDeploymentsTimeoutsReplaceTheProvidersForItsAttempts() {
        var timeouts = new dev.junction.provider.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(4));
        Deployment quick = new Deployment("a/model-a", "a", "model-a", 1, Set.of(), Capabilities.UNKNOWN,
                java.util.OptionalInt.empty(), java.util.OptionalInt.empty(), Optional.empty(), ParamRules.NONE,
                Optional.of(timeouts));
        route = Route.ofSteps("general", List.of(quick));
        List<UpstreamCall> calls = new ArrayList<>();
        answers.put("a", call -> {
            calls.add(call);
            return Future.succeededFuture(OK);
        });

        run(executor("a"));

        assertThat(calls.getFirst().provider().timeouts()).isEqualTo(timeouts);
    }

    /** Records what the executor tells it; deployments listed in {@code unavailable} are not available. */
    static final class FakeHealth implements dev.junction.routing.health.HealthTracker {
        final Set<String> unavailable = new java.util.HashSet<>();
        final List<String> events = new ArrayList<>();
        long nextAvailable = -1;

        @Override
        public boolean available(Deployment d) {
            return !unavailable.contains(d.id());
        }

        @Override
        public boolean tryAcquire(Deployment d, long estimatedTokens) {
            events.add("acquire " + d.id());
            return available(d);
        }

        @Override
        public void succeeded(Deployment d, Duration timeToFirstByte) {
            events.add("succeeded " + d.id());
        }

        @Override
        public void failed(Deployment d, GatewayError error) {
            events.add("failed " + d.id() + " " + AttemptRecord.reason(error));
        }

        @Override
        public void delivered(Deployment d) {
            events.add("delivered " + d.id());
        }

        @Override
        public void exhausted(Deployment d, Duration resetIn) {
            events.add("exhausted " + d.id() + " " + resetIn.toMillis());
        }

        @Override
        public void abandoned(Deployment d) {
            events.add("abandoned " + d.id());
        }

        @Override
        public java.util.OptionalLong nextAvailableNanos(java.util.Collection<Deployment> deployments) {
            return nextAvailable < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(nextAvailable);
        }

        @Override
        public List<dev.junction.routing.health.DeploymentStatus> snapshot() {
            return List.of();
        }

        @Override
        public double latencyMillis(String id) {
            return Double.NaN;
        }

        @Override
        public long lastSampleNanos(String id) {
            return Long.MIN_VALUE;
        }

        @Override
        public int inFlight(String id) {
            return 0;
        }

        @Override
        public int consecutiveFailures(String id) {
            return 0;
        }
    }

    /** Timers that fire only when told to. */
    static final class ManualTimers implements RouteExecutor.Timers {
        final List<Long> delays = new ArrayList<>();
        final List<Long> cancelled = new ArrayList<>();
        private final Map<Long, Runnable> pending = new java.util.LinkedHashMap<>();

        @Override
        public long set(long delayMillis, Runnable action) {
            delays.add(delayMillis);
            long id = delays.size();
            pending.put(id, action);
            return id;
        }

        @Override
        public void cancel(long id) {
            if (pending.remove(id) != null) {
                cancelled.add(id);
            }
        }

        /** Runs the timers due now, once. */
        void fire() {
            List<Runnable> due = new ArrayList<>(pending.values());
            pending.clear();
            due.forEach(Runnable::run);
        }
    }
}
