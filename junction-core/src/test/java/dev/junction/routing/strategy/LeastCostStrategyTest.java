package dev.junction.routing.strategy;

import static dev.junction.routing.strategy.Picks.context;
import static dev.junction.routing.strategy.Picks.deployment;
import static dev.junction.routing.strategy.Picks.ids;
import static dev.junction.routing.strategy.Picks.priced;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.routing.Deployment;
import dev.junction.routing.RequestFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeastCostStrategyTest {

    /** Cheap to read, dear to write. */
    private static final Deployment READER = priced("reader", 0.10, 10.00);
    /** Dear to read, cheap to write. */
    private static final Deployment WRITER = priced("writer", 3.00, 0.50);
    private static final Deployment BALANCED = priced("balanced", 1.00, 2.00);

    private final LeastCostStrategy strategy = new LeastCostStrategy();

    private List<String> order(RequestFacts facts, Deployment... available) {
        return ids(strategy.order(List.of(available), context(facts)));
    }

    @Test
    void aLongPromptWithAShortAnswerGoesToTheCheapestReader() {
        RequestFacts facts = new RequestFacts(100_000, 100, false, false);

        // reader 0.011, balanced 0.1002, writer 0.30005 dollars
        assertThat(order(facts, WRITER, BALANCED, READER)).containsExactly("reader", "balanced", "writer");
    }

    @Test
    void aShortPromptWithALongAnswerGoesToTheCheapestWriter() {
        RequestFacts facts = new RequestFacts(100, 100_000, false, false);

        // writer 0.0503, balanced 0.2001, reader 1.00001 dollars
        assertThat(order(facts, READER, BALANCED, WRITER)).containsExactly("writer", "balanced", "reader");
    }

    @Test
    void deploymentsWithoutAPriceComeLastInConfigurationOrder() {
        RequestFacts facts = new RequestFacts(1000, 1000, false, false);
        Deployment unknownOne = deployment("unknown-1");
        Deployment unknownTwo = deployment("unknown-2");

        assertThat(order(facts, unknownOne, BALANCED, unknownTwo, READER))
                .containsExactly("balanced", "reader", "unknown-1", "unknown-2");
    }

    @Test
    void aFreeDeploymentIsCheapest() {
        RequestFacts facts = new RequestFacts(10, 10, false, false);

        assertThat(order(facts, READER, priced("free", 0, 0))).containsExactly("free", "reader");
    }

    @Test
    void equalCostsKeepConfigurationOrder() {
        RequestFacts facts = new RequestFacts(500, 500, false, false);

        assertThat(order(facts, priced("x", 1, 1), priced("y", 1, 1), priced("z", 0.5, 0.5)))
                .containsExactly("z", "x", "y");
    }
}
