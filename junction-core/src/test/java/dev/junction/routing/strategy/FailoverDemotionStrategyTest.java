package dev.junction.routing.strategy;

import static dev.junction.routing.strategy.Picks.context;
import static dev.junction.routing.strategy.Picks.deployment;
import static dev.junction.routing.strategy.Picks.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.routing.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverDemotionStrategyTest {

    private static final List<Deployment> ABCD = List.of(deployment("a"), deployment("b"), deployment("c"),
            deployment("d"));

    private final FailoverDemotionStrategy strategy = new FailoverDemotionStrategy();
    private final FakeHealth health = new FakeHealth();

    private List<String> order() {
        return ids(strategy.order(ABCD, context(health)));
    }

    @Test
    void healthyDeploymentsKeepConfigurationOrder() {
        assertThat(order()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aDeploymentThatKeepsFailingMovesToTheBackOfItsGroup() {
        health.failures("a", 3);

        assertThat(order()).containsExactly("b", "c", "d", "a");
    }

    @Test
    void theOneThatFailedMostGoesLast() {
        health.failures("a", 5).failures("c", 2);

        assertThat(order()).containsExactly("b", "d", "c", "a");
    }

    @Test
    void aDemotedDeploymentReturnsToItsPlaceWhenItSucceedsAgain() {
        health.failures("b", 4);
        assertThat(order()).containsExactly("a", "c", "d", "b");

        health.failures("b", 0);

        assertThat(order()).containsExactly("a", "b", "c", "d");
    }
}
