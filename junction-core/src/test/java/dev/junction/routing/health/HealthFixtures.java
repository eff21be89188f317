package dev.junction.routing.health;

import dev.junction.model.GatewayError;
import dev.junction.provider.ParamRules;
import dev.junction.routing.Capabilities;
import dev.junction.routing.Deployment;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.LongSupplier;

/** A fake clock, deployments and errors for the health tests. */
final class HealthFixtures {

    /** A nano clock that moves only when told; starts far from zero to catch absolute-time assumptions. */
    static final class FakeClock implements LongSupplier {
        private long now = 7_000_000_000_123L;

        @Override
        public synchronized long getAsLong() {
            return now;
        }

        synchronized void advance(Duration by) {
            now += by.toNanos();
        }
    }

    static final GatewayError TIMEOUT = new GatewayError.Timeout("upstream timed out");
    static final GatewayError BAD_GATEWAY = new GatewayError.BadGateway("upstream said 500", true);
    static final GatewayError BAD_REQUEST = new GatewayError.InvalidRequest("messages: required");

    private HealthFixtures() {}

    static Deployment deployment(String id) {
        return limited(id, OptionalInt.empty(), OptionalInt.empty());
    }

    static Deployment limited(String id, OptionalInt rpm, OptionalInt tpm) {
        return new Deployment(id, "openai", "gpt-4o-mini", 1, Set.of(), Capabilities.UNKNOWN, rpm, tpm,
                Optional.empty(), ParamRules.NONE, Optional.empty());
    }

    static GatewayError rateLimited(Optional<Duration> retryAfter) {
        return new GatewayError.RateLimited("slow down", retryAfter);
    }

    static GatewayError rejected(int status) {
        return new GatewayError.UpstreamRejected(status, "rejected", Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** Reserves an attempt of {@code tokens}, which must be admitted. */
    static ReservedAttempt reserve(HealthRegistry registry, Deployment deployment, long tokens) {
        return registry.tryAcquire(deployment, tokens)
                .orElseThrow(() -> new AssertionError(deployment.id() + " was not admitted"));
    }

    /** Reserves an attempt, which must be admitted. */
    static ReservedAttempt reserve(HealthRegistry registry, Deployment deployment) {
        return reserve(registry, deployment, 10);
    }

    /** Reserves an attempt (which must be admitted) and fails it with {@code error}. */
    static void fail(HealthRegistry registry, Deployment deployment, GatewayError error) {
        registry.failed(reserve(registry, deployment), error);
    }

    /** Reserves an attempt (which must be admitted) and succeeds it. */
    static void succeed(HealthRegistry registry, Deployment deployment) {
        ReservedAttempt attempt = reserve(registry, deployment);
        registry.succeeded(attempt, Duration.ofMillis(100));
        registry.delivered(attempt, 10);
    }
}
