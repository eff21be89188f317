package dev.junction.stage.route;

import dev.junction.model.GatewayError;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import dev.junction.routing.ModelResolver;
import dev.junction.routing.Route;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Resolves the public model (a route name, an alias, a wildcard, {@code provider/model}, or a catalog model) to its
 * route, or refuses with a 404 listing the models there are.
 */
public final class ResolveStage implements Stage {

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        ModelResolver resolver = exchange.runtime().resolver();
        String model = exchange.operation().model();
        Optional<Route> route = resolver.resolve(model);
        if (route.isEmpty()) {
            Optional<String> tenant = exchange.caller().flatMap(c -> c.grant()).map(g -> g.tenant().id());
            return Future.succeededFuture(new Reply.Refused(new GatewayError.ModelNotFound(model,
                    exchange.runtime().governance().snapshot().visibleModels(resolver.publicModels(), tenant))));
        }
        exchange.route(route.get());
        return chain.proceed(exchange);
    }
}
