package dev.junction.routing.strategy;

import static dev.junction.routing.strategy.Picks.context;
import static dev.junction.routing.strategy.Picks.deployment;
import static dev.junction.routing.strategy.Picks.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.routing.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeastBusyStrategyTest {

    private static final List<Deployment> ABCD = List.of(deployment("a"), deployment("b"), deployment("c"),
            deployment("d"));

    private final LeastBusyStrategy strategy = new LeastBusyStrategy();
    private final FakeHealth health = new FakeHealth();

    @Test
    void theDeploymentWithFewestAttemptsInFlightGoesFirst() {
        health.inFlight("a", 7).inFlight("b", 3).inFlight("c", 0).inFlight("d", 5);

        assertThat(ids(strategy.order(ABCD, context(health)))).containsExactly("c", "b", "d", "a");
    }

    @Test
    void tiesKeepConfigurationOrder() {
        health.inFlight("a", 2).inFlight("b", 1).inFlight("c", 2).inFlight("d", 1);

        assertThat(ids(strategy.order(ABCD, context(health)))).containsExactly("b", "d", "a", "c");
    }

    @Test
    void idleDeploymentsStayInConfigurationOrder() {
        assertThat(ids(strategy.order(ABCD, context(health)))).containsExactly("a", "b", "c", "d");
    }
}
