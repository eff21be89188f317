package dev.junction.routing.health;

import static dev.junction.routing.health.HealthFixtures.deployment;
import static dev.junction.routing.health.HealthFixtures.fail;
import static dev.junction.routing.health.HealthFixtures.rateLimited;
import static dev.junction.routing.health.HealthFixtures.reserve;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.routing.Deployment;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoolDownTest {

    private final HealthFixtures.FakeClock clock = new HealthFixtures.FakeClock();
    private final HealthRegistry registry = new HealthRegistry(HealthPolicy.DEFAULTS, clock);
    private final Deployment a = deployment("a");

    @Test
    void aRateLimitRestsTheDeploymentForItsRetryAfter() {
        fail(registry, a, rateLimited(Optional.of(Duration.ofSeconds(3))));

        assertThat(registry.available(a)).isFalse();
        clock.advance(Duration.ofMillis(2_999));
        assertThat(registry.tryAcquire(a, 10)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(registry.tryAcquire(a, 10)).isPresent();
    }

    @Test
    void aRateLimitWithoutRetryAfterRestsTheDeploymentForTheDefault() {
        fail(registry, a, rateLimited(Optional.empty()));

        clock.advance(Duration.ofSeconds(9));
        assertThat(registry.available(a)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(registry.available(a)).isTrue();
    }

    @Test
    void theRestAfterABareRateLimitIsConfigurable() {
        HealthRegistry patient = new HealthRegistry(new HealthPolicy(5, 0.5, 20, Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(2)), clock);
        fail(patient, a, rateLimited(Optional.empty()));

        clock.advance(Duration.ofSeconds(2));

        assertThat(patient.available(a)).isTrue();
    }

    @Test
    void rateLimitsDoNotCountTowardsTheCircuit() {
        for (int i = 0; i < 10; i++) {
            fail(registry, a, rateLimited(Optional.of(Duration.ofSeconds(1))));
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(registry.available(a)).isTrue();
        assertThat(registry.consecutiveFailures("a")).isZero();
        assertThat(registry.snapshot().getFirst().circuit()).isEqualTo("closed");
    }

    @Test
    void anUnavailableWithRetryAfterRestsTheDeploymentAndCounts() {
        fail(registry, a, new GatewayError.Unavailable("overloaded", Optional.of(Duration.ofSeconds(5))));

        assertThat(registry.available(a)).isFalse();
        assertThat(registry.consecutiveFailures("a")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(registry.available(a)).isTrue();
    }

    @Test
    void aShorterRetryAfterDoesNotCutARunningCoolDown() {
        ReservedAttempt first = reserve(registry, a);
        ReservedAttempt second = reserve(registry, a);
        registry.failed(first, rateLimited(Optional.of(Duration.ofSeconds(20))));
        registry.failed(second, rateLimited(Optional.of(Duration.ofSeconds(1))));

        clock.advance(Duration.ofSeconds(19));

        assertThat(registry.available(a)).isFalse();
    }

    @Test
    void aLongerRetryAfterExtendsARunningCoolDown() {
        ReservedAttempt first = reserve(registry, a);
        ReservedAttempt second = reserve(registry, a);
        registry.failed(first, rateLimited(Optional.of(Duration.ofSeconds(2))));
        registry.failed(second, rateLimited(Optional.of(Duration.ofSeconds(20))));

        clock.advance(Duration.ofSeconds(19));

        assertThat(registry.available(a)).isFalse();
        assertThat(registry.snapshot().getFirst().transitions()).as("an extension is no new transition")
                .isEqualTo(1);
    }

    @Test
    void aCoolDownLeavesOtherDeploymentsAlone() {
        Deployment b = deployment("b");
        fail(registry, a, rateLimited(Optional.empty()));

        assertThat(registry.available(b)).isTrue();
    }
}
