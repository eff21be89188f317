package dev.junction.routing.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.provider.ParamRules;
import dev.junction.routing.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two replicas' registries wired to each other the way a shared channel wires them. */
class HealthSharingTest {

    private static final Deployment D = Deployment.of("p", "m", ParamRules.NONE);
    private static final GatewayError SERVER_ERROR = new GatewayError.BadGateway("500", true);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final HealthPolicy policy = new HealthPolicy(2, 0.5, 20, Duration.ofSeconds(60), Duration.ofSeconds(30));
    private final HealthRegistry a = new HealthRegistry(policy, clock::get);
    private final HealthRegistry b = new HealthRegistry(policy, clock::get);
    private final List<HealthEvent> published = new ArrayList<>();

    @BeforeEach
    void wire() {
        a.addListener(published::add);
        a.addListener(b::apply);
        b.addListener(published::add);
        b.addListener(a::apply);
    }

    private void fail(HealthRegistry r) {
        r.failed(r.tryAcquire(D, 0).orElseThrow(), SERVER_ERROR);
    }

    @Test
    void aCircuitOpenedOnOneReplicaIsOpenOnTheOther() {
        fail(a);
        fail(a);

        assertThat(a.available(D)).isFalse();
        assertThat(b.available(D)).isFalse();
        assertThat(published).containsExactly(new HealthEvent("p/m", HealthEvent.OPEN, Duration.ofSeconds(30)));
    }

    @Test
    void theOtherReplicasProbeClosesItEverywhere() {
        fail(a);
        fail(a);
        clock.addAndGet(Duration.ofSeconds(31).toNanos());

        ReservedAttempt probe = b.tryAcquire(D, 0).orElseThrow(); // b's probe
        b.succeeded(probe, Duration.ofMillis(5));

        assertThat(a.available(D)).isTrue();
        assertThat(a.snapshot()).singleElement().satisfies(s -> assertThat(s.circuit()).isEqualTo("closed"));
    }

    @Test
    void aCoolDownIsShared() {
        a.failed(a.tryAcquire(D, 0).orElseThrow(), new GatewayError.RateLimited("slow down",
                Optional.of(Duration.ofSeconds(5))));

        assertThat(b.available(D)).isFalse();
        clock.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(b.available(D)).isTrue();
    }

    @Test
    void appliedChangesAreNotSentBack() {
        fail(a);
        fail(a);

        assertThat(published).hasSize(1); // a's own; b applied it without publishing it again
    }
}
