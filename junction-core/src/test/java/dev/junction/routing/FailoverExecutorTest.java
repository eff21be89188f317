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

class FailoverExecutorTest {

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

    private static final Route ROUTE = Route.ofSteps("general", List.of(
            Deployment.of("a", "model-a", ParamRules.NONE),
            Deployment.of("b", "model-b", ParamRules.NONE),
            Deployment.of("c", "model-c", ParamRules.NONE)));

    private void answer(String provider, GatewayError error) {
        answers.put(provider, call -> Future.failedFuture(new UpstreamFailure(error)));
    }

    private void succeed(String provider) {
        answers.put(provider, call -> Future.succeededFuture(OK));
    }

    private FailoverExecutor executor(String... providers) {
        Map<String, ProviderConfig> configs = new HashMap<>();
        for (String p : providers) {
            configs.put(p, ModelResolverTest.provider(p, List.of(), List.of()));
        }
        return new FailoverExecutor(configs, config -> (ProviderAdapter) call -> {
            called.add(config.name() + "/" + call.upstreamModel());
            return answers.get(config.name()).apply(call);
        });
    }

    private Future<RouteOutcome> run(FailoverExecutor executor) {
        ObjectNode body = (ObjectNode) Json.tryParse(
                "{\"model\":\"general\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").orElseThrow();
        return executor.execute(new ClientRequest(Dialect.OPENAI_CHAT, body, dev.junction.dialect.openai.OpenAiRequestMapper.toCanonical(body)), ROUTE, "req-1", cancellation);
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
        assertThat(outcome.cause()).isInstanceOfSatisfying(RouteFailure.class,
                f -> assertThat(f.error()).isEqualTo(SERVER_ERROR));
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
