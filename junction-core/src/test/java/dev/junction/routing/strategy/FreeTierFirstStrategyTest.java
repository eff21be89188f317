package dev.junction.routing.strategy;

import static dev.junction.routing.strategy.Picks.context;
import static dev.junction.routing.strategy.Picks.deployment;
import static dev.junction.routing.strategy.Picks.ids;
import static dev.junction.routing.strategy.Picks.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.routing.Deployment;
import dev.junction.routing.health.HealthView;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreeTierFirstStrategyTest {

    private static final Deployment PAID_ONE = deployment("paid-1");
    private static final Deployment FREE_ONE = tagged("free-1", Deployment.FREE_TIER);
    private static final Deployment PAID_TWO = tagged("paid-2", "fast");
    private static final Deployment FREE_TWO = tagged("free-2", "fast", Deployment.FREE_TIER);

    private final FreeTierFirstStrategy strategy = new FreeTierFirstStrategy();

    private List<String> order(Deployment... available) {
        return ids(strategy.order(List.of(available), context(HealthView.EMPTY)));
    }

    @Test
    void freeDeploymentsGoFirstThenPaidOnesEachInConfigurationOrder() {
        assertThat(order(PAID_ONE, FREE_ONE, PAID_TWO, FREE_TWO))
                .containsExactly("free-1", "free-2", "paid-1", "paid-2");
    }

    @Test
    void whenTheFreeDeploymentIsNotAvailableThePaidOnesGoFirst() {
        // The health filter took free-1 out after its 429.
        assertThat(order(PAID_ONE, PAID_TWO)).containsExactly("paid-1", "paid-2");
    }

    @Test
    void whenOneFreeDeploymentIsOutTheOtherFreeOneStillLeads() {
        assertThat(order(PAID_ONE, PAID_TWO, FREE_TWO)).containsExactly("free-2", "paid-1", "paid-2");
    }

    @Test
    void aFreeDeploymentThatRecoversLeadsAgain() {
        assertThat(order(PAID_ONE, PAID_TWO)).first().isEqualTo("paid-1");

        assertThat(order(PAID_ONE, FREE_ONE, PAID_TWO)).first().isEqualTo("free-1");
    }
}
