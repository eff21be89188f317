package dev.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.provider.ParamRules;
import dev.junction.upstream.UpstreamCall;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Groups, health, retry passes and the special fallback reasons. */
class RoutePoolExecutionTest extends RouteExecutorHarness {

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
}
