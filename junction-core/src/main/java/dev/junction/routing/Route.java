package dev.junction.routing;

import dev.junction.provider.ParamRules;
import dev.junction.provider.Timeouts;
import java.util.List;
import java.util.Optional;

/**
 * A public model name and how to serve it: groups tried in order (priority tiers), each spreading traffic over its
 * deployments by the route's strategy, with the route's retry and fallback rules. Immutable.
 *
 * @param strategy the strategy's name ({@link dev.junction.routing.strategy.Strategies})
 * @param params parameter rules for every deployment of the route, applied after the deployment's own
 * @param timeouts timeouts for every deployment of the route that has none of its own
 */
public record Route(String name, List<RouteGroup> groups, String strategy, RetryPolicy retry,
                    FallbackRules fallback, ParamRules params, Optional<Timeouts> timeouts) {

    public Route {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one group");
        }
        groups = List.copyOf(groups);
    }

    /** A route that tries these deployments one after another (a group each), once each, with default rules. */
    public static Route ofSteps(String name, List<Deployment> steps) {
        return new Route(name, steps.stream().map(d -> new RouteGroup(d.id(), List.of(d))).toList(), "priority",
                RetryPolicy.onePass(steps.size()), FallbackRules.DEFAULTS, ParamRules.NONE, Optional.empty());
    }

    /** Every deployment of the route, group by group. */
    public List<Deployment> deployments() {
        return groups.stream().flatMap(g -> g.deployments().stream()).toList();
    }
}
