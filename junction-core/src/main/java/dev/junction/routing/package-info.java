/**
 * From a public model name to upstream attempts: the route model (routes of priority-tier groups of deployments, with
 * retry and fallback rules), the resolver that finds a route for a name (route, alias, wildcard, {@code provider/model},
 * catalog name), and the executor that walks a route with its strategy and the deployments' health, fails over and
 * retries before the first byte reaches the client, and never after. Strategies live in {@code routing.strategy},
 * health in {@code routing.health}.
 */
package dev.junction.routing;
