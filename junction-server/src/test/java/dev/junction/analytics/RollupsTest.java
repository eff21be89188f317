package dev.junction.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.entity.Attribution;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedAttempt;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class RollupsTest {

    private static LoggedRequest request(List<LoggedAttempt> attempts) {
        LoggedAttempt last = attempts.getLast();
        return new LoggedRequest("r", Instant.parse("2026-12-07T07:00:05Z"), Attribution.named("k"),
                "/v1/chat/completions", "chat", last.provider(), last.deployment(), "m", false, false, 200, 10, 5,
                new Usage(1, 1, 0, 0, 0), new Costs(1, 1, 1), "", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), attempts, Map.of());
    }

    private static RollupFigures minuteOf(SortedMap<RollupKey, RollupFigures> rows, String deployment) {
        return rows.entrySet().stream().filter(e -> e.getKey().granularity() == Granularity.MINUTE
                        && e.getKey().dimensions().get(Dimension.DEPLOYMENT.ordinal()).equals(deployment))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no row of " + deployment));
    }

    @Test
    void aFallbackIsChargedToTheDeploymentLeftAndTheRequestToTheOneThatAnswered() {
        SortedMap<RollupKey, RollupFigures> rows = Rollups.of(List.of(request(List.of(
                new LoggedAttempt("dead-a", "dead", 502, "upstream_error", 0, 3, "first"),
                new LoggedAttempt("dead-a", "dead", 502, "upstream_error", 3, 3, "retry"),
                new LoggedAttempt("ok-b", "mockai", 200, "ok", 6, 20, "fallback")))));

        RollupFigures left = minuteOf(rows, "dead-a");
        RollupFigures answered = minuteOf(rows, "ok-b");
        assertThat(rows).hasSize(6); // three granularities, two deployments
        assertThat(left.fallbacksCaused()).isEqualTo(1);
        assertThat(left.requests()).isZero();
        assertThat(rows.keySet().stream().filter(k -> k.dimensions().get(Dimension.DEPLOYMENT.ordinal())
                .equals("dead-a")).map(k -> k.dimensions().get(Dimension.PROVIDER.ordinal())).distinct())
                .containsExactly("dead");
        assertThat(answered.requests()).isEqualTo(1);
        assertThat(answered.fallbacksCaused()).isZero();
    }

    @Test
    void retriesOnOneDeploymentCauseNoFallback() {
        SortedMap<RollupKey, RollupFigures> rows = Rollups.of(List.of(request(List.of(
                new LoggedAttempt("a", "openai", 429, "rate_limited", 0, 3, "first"),
                new LoggedAttempt("a", "openai", 200, "ok", 3, 3, "retry")))));

        assertThat(rows).hasSize(3);
        assertThat(minuteOf(rows, "a").fallbacksCaused()).isZero();
    }
}
