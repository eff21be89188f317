/**
 * The console's playground on the routed path: {@link dev.junction.stage.playground.PlaygroundStage} stands in for
 * authentication (the operator is the caller, the request is marked {@code source = playground}) and
 * {@link dev.junction.stage.playground.DeploymentPinStage} narrows the route to one of its deployments when asked.
 */
package dev.junction.stage.playground;
