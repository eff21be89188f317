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
 * stay within them; each replica's health tracker still counts its own share first. Tokens are the request's
 * estimate, not reconciled with the real usage. Thread safe.
 */
public final class SharedDeploymentLimits implements DeploymentGate {

    private final RateLimiter limiter;

    public SharedDeploymentLimits(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Future<Optional<Duration>> admit(Deployment deployment, long estimatedTokens) {
        RateLimits limits = new RateLimits(asLong(deployment.rpm()), asLong(deployment.tpm()), OptionalInt.empty());
        LimitSubject subject = new LimitSubject("deployment:" + deployment.id(), limits);
        return Future.fromCompletionStage(limiter.acquire(List.of(subject), estimatedTokens, "-"),
                        Vertx.currentContext())
                .map(decision -> switch (decision) {
                    case LimitDecision.Allowed a -> Optional.<Duration>empty();
                    case LimitDecision.Denied d -> Optional.of(d.retryAfter());
                })
                .otherwise(Optional.empty());
    }

    private static OptionalLong asLong(OptionalInt value) {
        return value.isPresent() ? OptionalLong.of(value.getAsInt()) : OptionalLong.empty();
    }
}
