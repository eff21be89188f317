/**
 * The ten ways a route group orders its deployments for one request ({@link dev.junction.routing.strategy.Strategy},
 * created by name through {@link dev.junction.routing.strategy.Strategies}). Every strategy is thread safe, never
 * blocks and allocates little: a pick over a hundred deployments takes a few microseconds. A strategy that keeps
 * the order it was given returns the given list itself; otherwise it returns a fresh unmodifiable list.
 */
package dev.junction.routing.strategy;
