package dev.junction.routing.strategy;

import static dev.junction.routing.strategy.Picks.capable;
import static dev.junction.routing.strategy.Picks.context;
import static dev.junction.routing.strategy.Picks.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.routing.Capabilities;
import dev.junction.routing.Deployment;
import dev.junction.routing.RequestFacts;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CapabilityAwareStrategyTest {

    private static final Deployment TEXT_ONLY = capable("text-only",
            new Capabilities(OptionalInt.of(8_000), false, false));
    private static final Deployment SEES = capable("sees", new Capabilities(OptionalInt.of(32_000), true, false));
    private static final Deployment CALLS_TOOLS = capable("calls-tools",
            new Capabilities(OptionalInt.of(128_000), false, true));
    private static final Deployment UNKNOWN = capable("unknown", Capabilities.UNKNOWN);
    private static final List<Deployment> ALL = List.of(TEXT_ONLY, SEES, CALLS_TOOLS, UNKNOWN);

    private final CapabilityAwareStrategy strategy = new CapabilityAwareStrategy();

    private List<String> order(RequestFacts facts, List<Deployment> available) {
        return ids(strategy.order(available, context(facts)));
    }

    @Test
    void aSmallTextRequestMayGoAnywhereInConfigurationOrder() {
        assertThat(order(new RequestFacts(1000, 500, false, false), ALL))
                .containsExactly("text-only", "sees", "calls-tools", "unknown");
    }

    @Test
    void imagesSkipDeploymentsWithoutVision() {
        assertThat(order(new RequestFacts(1000, 500, true, false), ALL)).containsExactly("sees", "unknown");
    }

    @Test
    void toolsSkipDeploymentsWithoutToolCalling() {
        assertThat(order(new RequestFacts(1000, 500, false, true), ALL)).containsExactly("calls-tools", "unknown");
    }

    @Test
    void aLongRequestSkipsDeploymentsWhoseContextWindowIsTooSmall() {
        assertThat(order(new RequestFacts(30_000, 4_000, false, false), ALL))
                .containsExactly("calls-tools", "unknown");
    }

    @Test
    void theOutputAllowanceCountsTowardsTheContextWindow() {
        assertThat(order(new RequestFacts(7_000, 1_000, false, false), ALL)).contains("text-only");
        assertThat(order(new RequestFacts(7_000, 1_001, false, false), ALL)).doesNotContain("text-only");
    }

    @Test
    void whenNothingFitsTheOrderIsEmpty() {
        List<Deployment> noVision = List.of(TEXT_ONLY, CALLS_TOOLS);

        assertThat(order(new RequestFacts(100, 100, true, false), noVision)).isEmpty();
    }
}
