package dev.junction.server;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.provider.ProviderConfig;
import dev.junction.routing.Deployment;
import dev.junction.routing.Route;
import dev.junction.routing.health.HealthRegistry;
import dev.junction.runtime.GatewayRuntime;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Active health checks: every deployment configured with {@code health_check: <interval>} gets a cheap request of
 * the gateway's own at that interval (one user message, one output token), whatever the client traffic. A success
 * closes the deployment's circuit, so a deployment comes back without a client request having to be its probe; a
 * failure counts like a failed attempt, so a dead deployment is found before a client is sent to it. Thread safe;
 * checks run on an event loop and never block.
 */
final class HealthChecks {

    private final Vertx vertx;
    private final HealthRegistry health;
    private final List<Long> timers = new ArrayList<>();

    HealthChecks(Vertx vertx, HealthRegistry health) {
        this.vertx = vertx;
        this.health = health;
    }

    /** Schedules the checks of a (new) configuration, replacing the previous ones. */
    synchronized void schedule(GatewayRuntime runtime) {
        stop();
        Map<String, Deployment> checked = new LinkedHashMap<>();
        for (Route route : runtime.config().routes().values()) {
            for (Deployment d : route.deployments()) {
                d.healthCheck().ifPresent(interval -> checked.putIfAbsent(d.id(), d));
            }
        }
        for (Deployment d : checked.values()) {
            long every = Math.max(100, d.healthCheck().orElseThrow().toMillis());
            timers.add(vertx.setPeriodic(every, every, id -> check(runtime, d)));
        }
    }

    /** Cancels every scheduled check. */
    synchronized void stop() {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
    }

    private void check(GatewayRuntime runtime, Deployment deployment) {
        ProviderConfig provider = runtime.config().providers().get(deployment.provider());
        if (provider == null) {
            return;
        }
        ObjectNode body = Json.object().put("model", deployment.model()).put("max_completion_tokens", 1);
        body.putArray("messages").addObject().put("role", "user").put("content", "ping");
        ClientRequest request = new ClientRequest(Dialect.OPENAI_CHAT, body, OpenAiRequestMapper.toCanonical(body));
        Cancellation cancellation = new Cancellation();
        long started = System.nanoTime();
        ProviderConfig effective = deployment.timeouts().map(provider::withTimeouts).orElse(provider);
        try {
            runtime.adapter(effective).send(new UpstreamCall(request, effective, deployment.model(),
                    deployment.params(), "health-check", cancellation)).onComplete(ar -> {
                        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                        if (ar.succeeded()) {
                            release(ar.result());
                            health.checked(deployment, elapsed, Optional.empty());
                        } else {
                            health.checked(deployment, elapsed, Optional.of(UpstreamFailure.errorOf(ar.cause())));
                        }
                    });
        } catch (RuntimeException e) {
            health.checked(deployment, Duration.ZERO, Optional.of(UpstreamFailure.errorOf(e)));
        }
    }

    /** A check asks for a complete body; should an upstream stream anyway, stop it. */
    private static void release(UpstreamReply reply) {
        switch (reply) {
            case UpstreamReply.WireStream w -> w.events().cancel();
            case UpstreamReply.CanonicalStream c -> c.events().cancel();
            default -> { }
        }
    }
}
