/**
 * From a public model name to upstream attempts: routes and their ordered steps, the resolver that finds a route
 * for a name (configured route, {@code provider/model}, or a catalog-known name), and the executor that tries the
 * steps in order and fails over before the first byte reaches the client.
 */
package dev.junction.routing;
