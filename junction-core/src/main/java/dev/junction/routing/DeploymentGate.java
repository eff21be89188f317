package dev.junction.routing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * The shared side of a deployment's own limits ({@code rpm}, {@code tpm}): when replicas share them (in Redis), the
 * executor asks the gate right before an attempt, after the replica's own health check has let it through. Only
 * deployments with a limit are asked.
 */
@FunctionalInterface
public interface DeploymentGate {

    /** A gate that lets everything through: one replica's own counts are the whole truth. */
    DeploymentGate OPEN = (deployment, tokens) -> Future.succeededFuture(Optional.empty());

    /**
     * Takes one request and {@code estimatedTokens} from the deployment's shared limits.
     *
     * @return completes on the caller's context with empty when the attempt may go ahead, or with how long until the
     *     deployment has room again; never fails (a gate that cannot tell lets the attempt through)
     */
    Future<Optional<Duration>> admit(Deployment deployment, long estimatedTokens);
}
