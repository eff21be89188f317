package dev.junction.routing;

import java.util.List;

/** A public model name and the steps tried, in order, to serve it. */
public record Route(String name, List<RouteStep> steps) {

    public Route {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one step");
        }
        steps = List.copyOf(steps);
    }
}
