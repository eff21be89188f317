package dev.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failing over along a route's deployments: which errors move on, what is recorded, what stops it. */
class RouteExecutorTest extends RouteExecutorHarness {

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
        java.time.Instant before = java.time.Instant.now();

        RouteOutcome outcome = run(executor("a", "b", "c")).result();

        assertThat(outcome.attempts()).extracting(AttemptRecord::step).extracting(Deployment::label)
                .containsExactly("a/model-a", "b/model-b", "c/model-c");
        assertThat(outcome.attempts()).extracting(AttemptRecord::error)
                .containsExactly(Optional.of(SERVER_ERROR), Optional.of(RATE_LIMITED), Optional.empty());
        assertThat(outcome.attempts()).allSatisfy(a -> assertThat(a.latencyMs()).isNotNegative());
        assertThat(outcome.attempts()).extracting(AttemptRecord::startedAt)
                .allSatisfy(at -> assertThat(at).isBetween(before, java.time.Instant.now()))
                .isSortedAccordingTo(java.util.Comparator.naturalOrder());
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
}
