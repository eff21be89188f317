package dev.junction.routing;

import java.util.List;

/**
 * A request's last word on the order of a group's deployments, after the group's strategy ordered the available ones
 * (the extensions' routing hooks). Called on the request's event loop, once per group per pass; must not block. It
 * may reorder and leave out deployments; any it adds are ignored. Throwing a
 * {@link dev.junction.model.GatewayException} ends the request with that error.
 */
@FunctionalInterface
public interface DeploymentOrder {

    /** The strategy's order, as it is. */
    DeploymentOrder STRATEGY = (route, group, ordered) -> ordered;

    /** @param ordered the strategy's order, never empty */
    List<Deployment> order(Route route, RouteGroup group, List<Deployment> ordered);
}
