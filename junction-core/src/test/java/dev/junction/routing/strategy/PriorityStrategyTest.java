package dev.junction.routing.strategy;

import static dev.junction.routing.strategy.Picks.context;
import static dev.junction.routing.strategy.Picks.deployment;
import static dev.junction.routing.strategy.Picks.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.routing.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorityStrategyTest {

    private final PriorityStrategy strategy = new PriorityStrategy();

    @Test
    void keepsConfigurationOrderWhateverTheHealth() {
        List<Deployment> available = List.of(deployment("primary"), deployment("secondary"), deployment("tertiary"));
        FakeHealth health = new FakeHealth().latency("primary", 900).inFlight("primary", 50).failures("primary", 2);

        for (int i = 0; i < 10; i++) {
            assertThat(ids(strategy.order(available, context(health))))
                    .containsExactly("primary", "secondary", "tertiary");
        }
    }
}
