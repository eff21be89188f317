package dev.junction.limit;

import dev.junction.routing.Deployment;
import dev.junction.routing.DeploymentGate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Deployments' own {@code rpm}/{@code tpm}, counted in the shared rate limiter (Redis) so that replicas together
 * stay within them; each replica's health tracker still counts its own share first. An attempt takes the request's
 * estimated tokens, under a lease of its own, and once it is over they are corrected to the tokens it used (none
 * when it failed). Thread safe.
 */
public final class SharedDeploymentLimits implements DeploymentGate {

    private final RateLimiter limiter;

    public SharedDeploymentLimits(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Future<Optional<Duration>> admit(Deployment deployment, long estimatedTokens, String attemptId) {
        return Future.fromCompletionStage(limiter.acquire(List.of(subject(deployment)), estimatedTokens,
                        lease(attemptId)), Vertx.currentContext())
                .map(decision -> switch (decision) {
                    case LimitDecision.Allowed a -> Optional.<Duration>empty();
                    case LimitDecision.Denied d -> Optional.of(d.retryAfter());
                })
                .otherwise(Optional.empty());
    }

    @Override
    public void used(Deployment deployment, String attemptId, long estimatedTokens, long usedTokens) {
        limiter.release(List.of(subject(deployment)), lease(attemptId), estimatedTokens, usedTokens);
    }

    private static LimitSubject subject(Deployment deployment) {
        RateLimits limits = new RateLimits(asLong(deployment.rpm()), asLong(deployment.tpm()), OptionalInt.empty());
        return new LimitSubject("deployment:" + deployment.id(), limits);
    }

    private static String lease(String attemptId) {
        return "attempt:" + attemptId;
    }

    private static OptionalLong asLong(OptionalInt value) {
        return value.isPresent() ? OptionalLong.of(value.getAsInt()) : OptionalLong.empty();
    }
}
