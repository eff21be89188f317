package dev.junction.routing.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureClassTest {

    private static final Duration DEFAULT_REST = Duration.ofSeconds(10);

    private static FailureClass judge(GatewayError error) {
        return FailureClass.of(error, DEFAULT_REST);
    }

    @Test
    void theDeploymentsOwnFaultsCountTowardsItsCircuit() {
        assertThat(judge(new GatewayError.Timeout("slow"))).isEqualTo(
                new FailureClass("timeout", true, Optional.empty()));
        assertThat(judge(new GatewayError.BadGateway("500", true))).isEqualTo(
                new FailureClass("http_502", true, Optional.empty()));
        assertThat(judge(new GatewayError.BadGateway("gateway key refused", false)).deploymentFault()).isTrue();
        assertThat(judge(new GatewayError.Unavailable("down", Optional.empty()))).isEqualTo(
                new FailureClass("unavailable", true, Optional.empty()));
        assertThat(judge(HealthFixtures.rejected(404))).isEqualTo(
                new FailureClass("http_404", true, Optional.empty()));
    }

    @Test
    void aRateLimitRestsInsteadOfCounting() {
        assertThat(judge(HealthFixtures.rateLimited(Optional.of(Duration.ofSeconds(4))))).isEqualTo(
                new FailureClass("rate_limited", false, Optional.of(Duration.ofSeconds(4))));
        assertThat(judge(HealthFixtures.rateLimited(Optional.empty())).coolDown()).hasValue(DEFAULT_REST);
    }

    @Test
    void anUnavailableWithRetryAfterBothCountsAndRests() {
        assertThat(judge(new GatewayError.Unavailable("busy", Optional.of(Duration.ofSeconds(8))))).isEqualTo(
                new FailureClass("unavailable", true, Optional.of(Duration.ofSeconds(8))));
    }

    @Test
    void theClientsAndTheGatewaysOwnErrorsCountAsNeither() {
        List<GatewayError> neither = List.of(new GatewayError.InvalidRequest("bad"), HealthFixtures.rejected(400),
                HealthFixtures.rejected(422), new GatewayError.Internal("bug"), new GatewayError.Unauthorized("key"),
                new GatewayError.PayloadTooLarge(1_000));

        assertThat(neither).map(FailureClassTest::judge).allSatisfy(judged -> {
            assertThat(judged.deploymentFault()).isFalse();
            assertThat(judged.coolDown()).isEmpty();
        });
        assertThat(neither).map(e -> judge(e).name()).containsExactly("invalid_request", "http_400", "http_422",
                "internal", "http_401", "http_413");
    }
}
