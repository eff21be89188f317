package dev.junction.routing.strategy;

import static dev.junction.routing.strategy.Picks.context;
import static dev.junction.routing.strategy.Picks.deployment;
import static dev.junction.routing.strategy.Picks.firsts;
import static dev.junction.routing.strategy.Picks.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.junction.routing.Deployment;
import dev.junction.routing.health.HealthView;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinStrategyTest {

    private static final List<Deployment> ABC = List.of(deployment("a"), deployment("b"), deployment("c"));
    private static final PickContext CONTEXT = context(HealthView.EMPTY);

    private final RoundRobinStrategy strategy = new RoundRobinStrategy();

    @Test
    void splitsFirstPicksEvenly() {
        assertThat(firsts(strategy, ABC, CONTEXT, 9000))
                .containsOnly(entry("a", 3000), entry("b", 3000), entry("c", 3000));
    }

    @Test
    void eachPickStartsOneFurtherAndTheRestFollowInConfigurationOrder() {
        assertThat(ids(strategy.order(ABC, CONTEXT))).containsExactly("a", "b", "c");
        assertThat(ids(strategy.order(ABC, CONTEXT))).containsExactly("b", "c", "a");
        assertThat(ids(strategy.order(ABC, CONTEXT))).containsExactly("c", "a", "b");
        assertThat(ids(strategy.order(ABC, CONTEXT))).containsExactly("a", "b", "c");
    }

    @Test
    void rotatesOverWhateverIsAvailableAtThatPick() {
        List<Deployment> two = List.of(deployment("a"), deployment("c"));

        assertThat(firsts(strategy, two, CONTEXT, 1000)).containsOnly(entry("a", 500), entry("c", 500));
    }
}
