/**
 * Deployment health for routing: the {@link dev.junction.routing.health.HealthView} strategies read, the
 * {@link dev.junction.routing.health.HealthTracker} the route executor records into, and its implementation
 * {@link dev.junction.routing.health.HealthRegistry} (circuit breakers, {@code Retry-After} cool-downs, each
 * deployment's own RPM/TPM, in-flight counts and a latency average), configured by
 * {@link dev.junction.routing.health.HealthPolicy} and reported as
 * {@link dev.junction.routing.health.DeploymentStatus}.
 */
package dev.junction.routing.health;
