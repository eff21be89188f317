package dev.junction.stage.playground;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import dev.junction.routing.Deployment;
import dev.junction.routing.Route;
import dev.junction.routing.RouteGroup;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Narrows the resolved route to one of its deployments when the playground's body names it in
 * {@value #FIELD} (the decoder leaves the field out of what goes upstream): the route keeps its rules (retries,
 * parameters, timeouts) over that one deployment, so an operator can compare a route's deployments. A name that is
 * not a deployment of the route is a 400 listing those that are. Runs right after the route is resolved.
 */
public final class DeploymentPinStage implements Stage {

    /** The body field naming the deployment. */
    public static final String FIELD = "junction_deployment";

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        Optional<String> pinned = pinned(exchange);
        if (pinned.isEmpty()) {
            return chain.proceed(exchange);
        }
        Route route = exchange.route().orElseThrow();
        List<Deployment> deployments = route.deployments();
        Optional<Deployment> one = deployments.stream().filter(d -> d.id().equals(pinned.get())).findFirst();
        if (one.isEmpty()) {
            return Future.succeededFuture(new Reply.Refused(new GatewayError.InvalidRequest("'" + FIELD + "' names '"
                    + pinned.get() + "', which is not a deployment of route '" + route.name() + "'; it has "
                    + String.join(", ", deployments.stream().map(Deployment::id).toList()) + ".",
                    Optional.of(FIELD), Optional.empty())));
        }
        Deployment d = one.get();
        exchange.route(new Route(route.name(), List.of(new RouteGroup(d.id(), List.of(d))), route.strategy(),
                route.retry(), route.fallback(), route.params(), route.timeouts()));
        return chain.proceed(exchange);
    }

    /** The deployment the body names; the decoder already checked the body is a JSON object. */
    private static Optional<String> pinned(Exchange exchange) {
        return exchange.body().map(b -> Json.parseObject(b.getBytes()).get(FIELD)).filter(JsonNode::isString)
                .map(JsonNode::stringValue).filter(s -> !s.isBlank());
    }
}
