package dev.junction.routing;


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
import tools.jackson.databind.node.ObjectNode;

/**
 * What the route executor's tests share: fake adapters answering per provider, a fake health tracker, manual timers,
 * and three single-deployment groups as the default route.
 */
abstract class RouteExecutorHarness {

    static final UpstreamReply OK = new UpstreamReply.Synthesized(new ChatResponse("chatcmpl-1", "m", 1,
            List.of(), Usage.ZERO, Extensions.none()), Set.of());

    static final GatewayError SERVER_ERROR = new GatewayError.BadGateway("HTTP 500", true);
    static final GatewayError RATE_LIMITED = new GatewayError.RateLimited("slow down",
            Optional.of(Duration.ofSeconds(1)));
    static final GatewayError TIMEOUT = new GatewayError.Timeout("timed out");
    static final GatewayError CONNECT_FAILED = new GatewayError.Unavailable("Could not connect",
            Optional.empty());
    static final GatewayError BAD_REQUEST = new GatewayError.UpstreamRejected(400, "bad 'temperature'",
            Optional.of("invalid_request_error"), Optional.of("temperature"), Optional.of("invalid_value"));

    /** What each fake provider answers, and the calls it received, in order. */
    final Map<String, Function<UpstreamCall, Future<UpstreamReply>>> answers = new HashMap<>();
    final List<String> called = new ArrayList<>();
    final Cancellation cancellation = new Cancellation();

    static final Deployment A = Deployment.of("a", "model-a", ParamRules.NONE);
    static final Deployment B = Deployment.of("b", "model-b", ParamRules.NONE);
    static final Deployment C = Deployment.of("c", "model-c", ParamRules.NONE);

    /** One pass over three single-deployment groups, no retries: the foundation's failover. */
    static final Route ROUTE = withRetry(Route.ofSteps("general", List.of(A, B, C)),
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)));

    final FakeHealth health = new FakeHealth();
    final ManualTimers timers = new ManualTimers();
    final Map<String, Route> routes = new HashMap<>();
    Route route = ROUTE;
    Pin pin = Pin.NONE;

    static Route withRetry(Route r, RetryPolicy retry) {
        return new Route(r.name(), r.groups(), r.strategy(), retry, r.fallback(), r.params(), r.timeouts());
    }

    void answer(String provider, GatewayError error) {
        answers.put(provider, call -> Future.failedFuture(new UpstreamFailure(error)));
    }

    void succeed(String provider) {
        answers.put(provider, call -> Future.succeededFuture(OK));
    }

    RouteExecutor executor(String... providers) {
        Map<String, ProviderConfig> configs = new HashMap<>();
        for (String p : providers) {
            configs.put(p, ModelResolverTest.provider(p, List.of(), List.of()));
        }
        return new RouteExecutor(configs, config -> (ProviderAdapter) call -> {
            called.add(config.name() + "/" + call.upstreamModel());
            return answers.get(config.name()).apply(call);
        }, health, timers, name -> Optional.ofNullable(routes.get(name)), RouteExecutor.newStrategyState());
    }

    Future<RouteOutcome> run(RouteExecutor executor) {
        ObjectNode body = (ObjectNode) Json.tryParse(
                "{\"model\":\"general\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").orElseThrow();
        return executor.execute(new ClientRequest(Dialect.OPENAI_CHAT, body,
                dev.junction.dialect.openai.OpenAiRequestMapper.toCanonical(body)), route, RequestFacts.NONE, pin,
                "req-1", cancellation);
    }
}
