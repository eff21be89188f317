package dev.junction.stage.route;

import dev.junction.entity.Tenant;
import dev.junction.entity.TenantSettings;
import dev.junction.governance.GovernanceSnapshot;
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
 * Shapes the resolved route by who calls, from the governance snapshot: the deployments of a provider that belongs
 * to another tenant are left out (a tenant's own provider, and so its credential, serves its traffic only; a caller
 * without a tenant uses shared providers only), and so are those of providers the caller's tenant does not allow
 * ({@code allowed_providers}); a group left empty goes, and the tenant's routing strategy replaces the route's. A
 * route left with nothing is a 404 when only other tenants' providers serve it (as if it did not exist), else a 403 in
 * the client's dialect naming the providers. Costs nothing when no tenant decides anything and no provider belongs to
 * a tenant. Runs after the route is resolved and before anything is reserved. Stateless.
 */
public final class TenantRouteStage implements Stage {

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        Optional<Route> route = exchange.route();
        GovernanceSnapshot snapshot = exchange.runtime().governance().snapshot();
        Optional<Tenant> tenant = exchange.caller().flatMap(c -> c.grant()).map(KeyGrant::tenant);
        TenantSettings settings = tenant.map(Tenant::settings).orElse(TenantSettings.DEFAULTS);
        if (route.isEmpty() || !settings.shapesRouting() && !snapshot.hasTenantProviders()) {
            return chain.proceed(exchange);
        }
        Route resolved = route.get();
        Optional<String> caller = tenant.map(Tenant::id);
        List<RouteGroup> groups = new ArrayList<>(resolved.groups().size());
        boolean anyVisible = false;
        for (RouteGroup g : resolved.groups()) {
            List<Deployment> kept = new ArrayList<>(g.deployments().size());
            for (Deployment d : g.deployments()) {
                Optional<String> owner = snapshot.ownerOfProvider(d.provider());
                boolean visible = owner.isEmpty() || owner.equals(caller);
                anyVisible |= visible;
                if (visible && settings.allowsProvider(d.provider())) {
                    kept.add(d);
                }
            }
            if (!kept.isEmpty()) {
                groups.add(kept.size() == g.deployments().size() ? g : new RouteGroup(g.name(), kept));
            }
        }
        if (!anyVisible) {
            return Future.succeededFuture(new Reply.Refused(new GatewayError.ModelNotFound(resolved.name(),
                    snapshot.visibleModels(exchange.runtime().resolver().publicModels(), caller))));
        }
        if (groups.isEmpty()) {
            return Future.succeededFuture(new Reply.Refused(new GatewayError.PermissionDenied("The model '"
                    + resolved.name() + "' is served only by providers that tenant '" + tenant.orElseThrow().name()
                    + "' does not allow (" + String.join(", ", resolved.deployments().stream()
                    .map(Deployment::provider).filter(p -> snapshot.ownerOfProvider(p).isEmpty()
                            || snapshot.ownerOfProvider(p).equals(caller)).distinct().toList())
                    + "); it allows " + String.join(", ", settings.allowedProviders()) + ".")));
        }
        boolean untouched = settings.routingStrategy().isEmpty() && groups.size() == resolved.groups().size()
                && groups.equals(resolved.groups());
        if (untouched) {
            return chain.proceed(exchange);
        }
        exchange.route(new Route(resolved.name(), groups, settings.routingStrategy().orElse(resolved.strategy()),
                resolved.retry(), resolved.fallback(), resolved.params(), resolved.timeouts()));
        return chain.proceed(exchange);
    }
}
