package dev.junction.routing;

import dev.junction.model.GatewayError;
import dev.junction.routing.health.DeploymentStatus;
import dev.junction.routing.health.HealthTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** Records what the executor tells it; deployments listed in {@code unavailable} are not available. */
final class FakeHealth implements HealthTracker {
    final Set<String> unavailable = new HashSet<>();
    final List<String> events = new ArrayList<>();
    long nextAvailable = -1;

    @Override
    public boolean available(Deployment d) {
        return !unavailable.contains(d.id());
    }

    @Override
    public boolean tryAcquire(Deployment d, long estimatedTokens) {
        events.add("acquire " + d.id());
        return available(d);
    }

    @Override
    public void succeeded(Deployment d, Duration timeToFirstByte) {
        events.add("succeeded " + d.id());
    }

    @Override
    public void failed(Deployment d, GatewayError error) {
        events.add("failed " + d.id() + " " + AttemptRecord.reason(error));
    }

    @Override
    public void delivered(Deployment d) {
        events.add("delivered " + d.id());
    }

    @Override
    public void exhausted(Deployment d, Duration resetIn) {
        events.add("exhausted " + d.id() + " " + resetIn.toMillis());
    }

    @Override
    public void abandoned(Deployment d) {
        events.add("abandoned " + d.id());
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
