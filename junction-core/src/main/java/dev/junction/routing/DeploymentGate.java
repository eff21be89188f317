package dev.junction.routing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * The shared side of a deployment's own limits ({@code rpm}, {@code tpm}): when replicas share them (in Redis), the
 * executor asks the gate right before an attempt, after the replica's own health check has let it through, and
 * tells it, once the attempt is over, how many tokens it used. Only deployments with a limit are asked.
 */
@FunctionalInterface
public interface DeploymentGate {

    /** A gate that lets everything through: one replica's own counts are the whole truth. */
    DeploymentGate OPEN = (deployment, tokens, attemptId) -> Future.succeededFuture(Optional.empty());

    /**
     * Takes one request and {@code estimatedTokens} from the deployment's shared limits for the attempt
     * {@code attemptId} (unique to the attempt).
     *
     * @return completes on the caller's context with empty when the attempt may go ahead, or with how long until the
     *     deployment has room again; never fails (a gate that cannot tell lets the attempt through)
     */
    Future<Optional<Duration>> admit(Deployment deployment, long estimatedTokens, String attemptId);

    /**
     * The admitted attempt {@code attemptId} is over and used {@code usedTokens} (none when it failed): the shared
     * TPM counts those instead of the estimate. At most once per attempt; never fails, never blocks.
     */
    default void used(Deployment deployment, String attemptId, long estimatedTokens, long usedTokens) {
    }
}
