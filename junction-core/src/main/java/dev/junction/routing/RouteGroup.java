package dev.junction.routing;

import java.util.List;

/**
 * A priority tier of a route: deployments that share the traffic by the route's strategy. Groups can be shared by
 * several routes (by name in the configuration).
 */
public record RouteGroup(String name, List<Deployment> deployments) {

    public RouteGroup {
        if (deployments.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one deployment");
        }
        deployments = List.copyOf(deployments);
    }
}
