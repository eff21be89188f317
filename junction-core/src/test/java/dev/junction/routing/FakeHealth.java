package dev.junction.routing;

import dev.junction.model.GatewayError;
import dev.junction.routing.health.DeploymentStatus;
import dev.junction.routing.health.HealthTracker;
import dev.junction.routing.health.ReservedAttempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Records what the executor tells it; deployments listed in {@code unavailable} are not available. */
final class FakeHealth implements HealthTracker {
    final Set<String> unavailable = new HashSet<>();
    final List<String> events = new ArrayList<>();
    long nextAvailable = -1;
    final dev.junction.routing.health.KeyRing keys = dev.junction.routing.health.KeyRing.onSystemClock();

    @Override
    public dev.junction.routing.health.KeyRing keys() {
        return keys;
    }

    @Override
    public boolean available(Deployment d) {
        return !unavailable.contains(d.id());
    }

    /** A reservation of this fake: only its deployment. */
    record Attempt(Deployment deployment) implements ReservedAttempt {
    }

    @Override
    public Optional<ReservedAttempt> tryAcquire(Deployment d, long estimatedTokens) {
        events.add("acquire " + d.id());
        return available(d) ? Optional.of(new Attempt(d)) : Optional.empty();
    }

    @Override
    public void succeeded(ReservedAttempt a, Duration timeToFirstByte) {
        events.add("succeeded " + a.deployment().id());
    }

    @Override
    public void failed(ReservedAttempt a, GatewayError error) {
        events.add("failed " + a.deployment().id() + " " + AttemptRecord.reason(error));
    }

    @Override
    public void delivered(ReservedAttempt a, long usedTokens) {
        events.add("delivered " + a.deployment().id());
    }

    @Override
    public void exhausted(Deployment d, Duration resetIn) {
        events.add("exhausted " + d.id() + " " + resetIn.toMillis());
    }

    @Override
    public void abandoned(ReservedAttempt a) {
        events.add("abandoned " + a.deployment().id());
    }

    @Override
    public OptionalLong nextAvailableNanos(Collection<Deployment> deployments) {
        return nextAvailable < 0 ? OptionalLong.empty() : OptionalLong.of(nextAvailable);
    }

    @Override
    public List<DeploymentStatus> snapshot() {
        return List.of();
    }

    @Override
    public double latencyMillis(String id) {
        return Double.NaN;
    }

    @Override
    public long lastSampleNanos(String id) {
        return Long.MIN_VALUE;
    }

    @Override
    public int inFlight(String id) {
        return 0;
    }

    @Override
    public int consecutiveFailures(String id) {
        return 0;
    }
}
