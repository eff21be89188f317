package dev.junction.stage.route;

import dev.junction.entity.Tenant;
import dev.junction.entity.TenantSettings;
import dev.junction.governance.KeyGrant;
import dev.junction.model.GatewayError;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import dev.junction.routing.Deployment;
import dev.junction.routing.Route;
import dev.junction.routing.RouteGroup;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shapes the resolved route by the caller's tenant's settings, read from the governance snapshot (the caller's
 * grant): the deployments of providers the tenant does not allow are left out (a group left empty goes), and the
 * tenant's routing strategy replaces the route's. A route none of whose deployments the tenant may use is refused
 * with a 403 in the client's dialect naming the providers. Does nothing for a tenant that decides neither, or a
 * caller without a virtual key. Runs after the route is resolved and before anything is reserved. Stateless.
 */
public final class TenantRouteStage implements Stage {

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        Optional<Tenant> tenant = exchange.caller().flatMap(c -> c.grant()).map(KeyGrant::tenant)
                .filter(t -> t.settings().shapesRouting());
        Optional<Route> route = exchange.route();
        if (tenant.isEmpty() || route.isEmpty()) {
            return chain.proceed(exchange);
        }
        TenantSettings settings = tenant.get().settings();
        Route resolved = route.get();
        List<RouteGroup> groups = new ArrayList<>(resolved.groups().size());
        for (RouteGroup g : resolved.groups()) {
            List<Deployment> allowed = g.deployments().stream().filter(d -> settings.allowsProvider(d.provider()))
                    .toList();
            if (!allowed.isEmpty()) {
                groups.add(allowed.size() == g.deployments().size() ? g : new RouteGroup(g.name(), allowed));
            }
        }
        if (groups.isEmpty()) {
            return Future.succeededFuture(new Reply.Refused(new GatewayError.PermissionDenied("The model '"
                    + resolved.name() + "' is served only by providers that tenant '" + tenant.get().name()
                    + "' does not allow (" + String.join(", ", resolved.deployments().stream()
                    .map(Deployment::provider).distinct().toList()) + "); it allows "
                    + String.join(", ", settings.allowedProviders()) + ".")));
        }
        exchange.route(new Route(resolved.name(), groups, settings.routingStrategy().orElse(resolved.strategy()),
                resolved.retry(), resolved.fallback(), resolved.params(), resolved.timeouts()));
        return chain.proceed(exchange);
    }
}
