package dev.junction.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.budget.BudgetAccount;
import dev.junction.budget.BudgetPeriod;
import dev.junction.budget.BudgetState;
import dev.junction.budget.BudgetWindow;
import dev.junction.config.AlertSettings;
import dev.junction.config.AlertSettings.RuleType;
import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.events.HealthChanged;
import dev.junction.model.GatewayError;
import dev.junction.observe.WriterStats;
import dev.junction.routing.health.HealthEvent;
import dev.junction.secret.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Each rule finds what it should, at the moment it should, from events and probes alone. */
class AlertRulesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final FakeProbes probes = new FakeProbes();

    private static AlertSettings.Rule rule(RuleType type, boolean byDeployment, double threshold, Duration window,
                                           int minRequests, Duration after) {
        return new AlertSettings.Rule(type.wireName(), type, byDeployment, threshold, window, minRequests, after,
                List.of(50, 80, 100), Duration.ofMinutes(15), List.of());
    }

    @Test
    void guardrailHitsFireWhenAPolicyReachesTheThresholdInTheWindowAndResolveAfterIt() {
        Rule rule = Rules.create(rule(RuleType.GUARDRAIL_HITS, false, 3, Duration.ofMinutes(5), 1, Duration.ZERO));
        rule.observe(hit(T0, "no-secrets", "AWS_ACCESS_KEY"));
        rule.observe(hit(T0, "no-secrets", "OPENAI_KEY"));
        rule.observe(hit(T0, "mask-pii", "EMAIL"));
        assertThat(rule.evaluate(T0, probes)).as("two hits of no-secrets are fewer than three").isEmpty();

        rule.observe(hit(T0.plusSeconds(30), "no-secrets", "AWS_ACCESS_KEY"));
        assertThat(rule.evaluate(T0.plusSeconds(31), probes)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("no-secrets");
            assertThat(f.facts()).containsEntry("hits", "3");
        });
        assertThat(rule.evaluate(T0.plus(Duration.ofMinutes(10)), probes)).isEmpty();
    }

    @Test
    void guardrailHitsCanBeCountedByEntityType() {
        AlertSettings.Rule settings = new AlertSettings.Rule("secrets", RuleType.GUARDRAIL_HITS, false, 2,
                Duration.ofMinutes(5), 1, Duration.ZERO, List.of(), Duration.ofMinutes(15), List.of(), true);
        Rule rule = Rules.create(settings);
        rule.observe(hit(T0, "no-secrets", "AWS_ACCESS_KEY"));
        rule.observe(hit(T0, "other-policy", "AWS_ACCESS_KEY"));
        rule.observe(hit(T0, "no-secrets", "EMAIL"));

        assertThat(rule.evaluate(T0, probes)).singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("AWS_ACCESS_KEY"));
    }

    private static dev.junction.events.GuardrailTriggered hit(Instant at, String policy, String type) {
        return new dev.junction.events.GuardrailTriggered(at, "req_1", Optional.empty(), policy, "secrets", type,
                "block", "input");
    }

    @Test
    void theFailureRateFiresOnlyWithEnoughAttemptsAndForgetsThemAfterTheWindow() {
        Rule rule = Rules.create(rule(RuleType.UPSTREAM_FAILURE_RATE, false, 0.5, Duration.ofMinutes(1), 4,
                Duration.ZERO));
        for (int i = 0; i < 3; i++) {
            rule.observe(Events.failed(T0, "openai"));
        }
        assertThat(rule.evaluate(T0, probes)).as("three attempts are fewer than min_requests").isEmpty();

        rule.observe(Events.ok(T0, "openai"));
        rule.observe(Events.ok(T0, "anthropic"));
        assertThat(rule.evaluate(T0.plusSeconds(1), probes)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("openai");
            assertThat(f.facts()).containsEntry("attempts", "4").containsEntry("matching", "3")
                    .containsEntry("share", "75%");
        });
        assertThat(rule.evaluate(T0.plus(Duration.ofMinutes(2)), probes)).isEmpty();
    }

    @Test
    void aRateBelowTheThresholdIsFine() {
        Rule rule = Rules.create(rule(RuleType.UPSTREAM_FAILURE_RATE, true, 0.5, Duration.ofMinutes(1), 2,
                Duration.ZERO));
        rule.observe(Events.failed(T0, "openai"));
        rule.observe(Events.ok(T0, "openai"));
        rule.observe(Events.ok(T0, "openai"));
        assertThat(rule.evaluate(T0, probes)).isEmpty();
        rule.observe(Events.failed(T0, "openai"));
        assertThat(rule.evaluate(T0, probes)).singleElement()
                .satisfies(f -> assertThat(f.subject()).as("by deployment").isEqualTo("openai/m"));
    }

    @Test
    void consecutiveFailuresEndWithASuccessButNotWithAClientError() {
        Rule rule = Rules.create(rule(RuleType.UPSTREAM_CONSECUTIVE_FAILURES, false, 3, Duration.ofMinutes(5), 1,
                Duration.ZERO));
        rule.observe(Events.failed(T0, "openai"));
        rule.observe(Events.failed(T0, "openai"));
        rule.observe(Events.attempt(T0, "openai", "m", Optional.of(new GatewayError.UpstreamRejected(400, "bad",
                Optional.empty(), Optional.empty(), Optional.empty()))));
        assertThat(rule.evaluate(T0, probes)).isEmpty();
        rule.observe(Events.failed(T0, "openai"));
        assertThat(rule.evaluate(T0, probes)).singleElement()
                .satisfies(f -> assertThat(f.facts()).containsEntry("consecutive failures", "3"));
        rule.observe(Events.ok(T0, "openai"));
        assertThat(rule.evaluate(T0, probes)).isEmpty();
    }

    @Test
    void refusedKeysAndExhaustedQuotasAsTheOpenAiAdapterClassifiesThem() {
        Rule rule = Rules.create(rule(RuleType.UPSTREAM_KEY_INVALID, false, 0, Duration.ofMinutes(10), 1,
                Duration.ZERO));
        for (int status : List.of(401, 403, 402)) {
            rule.observe(Events.attempt(T0, "p" + status, "m", Optional.of(classify(status, "{}"))));
        }
        rule.observe(Events.attempt(T0, "quota", "m", Optional.of(classify(429,
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\","
                        + "\"code\":\"insufficient_quota\"}}"))));
        rule.observe(Events.attempt(T0, "limited", "m", Optional.of(classify(429, "{}"))));
        rule.observe(Events.attempt(T0, "broken", "m", Optional.of(classify(500, "{}"))));

        assertThat(rule.evaluate(T0, probes)).extracting(Finding::subject)
                .containsExactlyInAnyOrder("p401", "p403", "p402", "quota");
    }

    @Test
    void rateLimitPressureIsTheShareOf429s() {
        Rule rule = Rules.create(rule(RuleType.RATE_LIMITED, false, 0.5, Duration.ofMinutes(5), 4, Duration.ZERO));
        rule.observe(Events.attempt(T0, "openai", "m", Optional.of(classify(429, "{}"))));
        rule.observe(Events.attempt(T0, "openai", "m", Optional.of(classify(429, "{}"))));
        rule.observe(Events.ok(T0, "openai"));
        assertThat(rule.evaluate(T0, probes)).isEmpty();
        rule.observe(Events.failed(T0, "openai"));
        assertThat(rule.evaluate(T0, probes)).singleElement()
                .satisfies(f -> assertThat(f.facts()).containsEntry("share", "50%"));
    }

    @Test
    void aCircuitIsAnIncidentOnceItStayedOpenLongEnough() {
        Rule rule = Rules.create(rule(RuleType.CIRCUIT_OPEN, false, 0, Duration.ofMinutes(5), 1,
                Duration.ofMinutes(3)));
        rule.observe(new HealthChanged(T0, new HealthEvent("openai/gpt-4o", HealthEvent.OPEN,
                Duration.ofSeconds(30))));
        assertThat(rule.evaluate(T0.plus(Duration.ofMinutes(2)), probes)).isEmpty();
        assertThat(rule.evaluate(T0.plus(Duration.ofMinutes(3)), probes)).singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("openai/gpt-4o"));
        rule.observe(new HealthChanged(T0, new HealthEvent("openai/gpt-4o", HealthEvent.CLOSED, Duration.ZERO)));
        assertThat(rule.evaluate(T0.plus(Duration.ofMinutes(4)), probes)).isEmpty();
    }

    @Test
    void eachBudgetLevelReachedIsItsOwnFinding() {
        Rule rule = Rules.create(rule(RuleType.BUDGET, false, 0, Duration.ofMinutes(5), 1, Duration.ZERO));
        BudgetAccount account = new BudgetAccount("budget:bud_1", 10_000_000_000L, BudgetPeriod.MONTHLY,
                ZoneOffset.UTC);
        probes.budgets = List.of(new BudgetState(account, BudgetWindow.ALL_TIME, 8_500_000_000L, 0));
        assertThat(rule.evaluate(T0, probes)).extracting(Finding::subject)
                .containsExactly("bud_1 ≥ 50%", "bud_1 ≥ 80%");
        probes.budgets = List.of(new BudgetState(account, BudgetWindow.ALL_TIME, 10_000_000_000L, 0));
        assertThat(rule.evaluate(T0, probes)).extracting(Finding::subject)
                .containsExactly("bud_1 ≥ 50%", "bud_1 ≥ 80%", "bud_1 ≥ 100%");
        probes.budgets = List.of(new BudgetState(account, BudgetWindow.ALL_TIME, 0, 0));
        assertThat(rule.evaluate(T0, probes)).as("a new period").isEmpty();
    }

    @Test
    void aGrowingSpoolAndDroppedRecords() {
        Rule rule = Rules.create(rule(RuleType.REQUEST_LOG, false, 100, Duration.ofMinutes(10), 1, Duration.ZERO));
        probes.log = new WriterStats(0, 0, 10, 1000, 0, true, Optional.empty());
        assertThat(rule.evaluate(T0, probes)).isEmpty();
        probes.log = new WriterStats(0, 0, 150, 9000, 3, false, Optional.of(T0));
        assertThat(rule.evaluate(T0.plusSeconds(10), probes)).extracting(Finding::subject)
                .containsExactly("spool", "dropped");
        probes.log = new WriterStats(0, 150, 0, 0, 3, true, Optional.empty());
        assertThat(rule.evaluate(T0.plus(Duration.ofMinutes(11)), probes)).as("no new drop for a window").isEmpty();
    }

    @Test
    void aStoreIsAnIncidentOnceItIsDownLongEnough() {
        Rule rule = Rules.create(rule(RuleType.DEPENDENCY_DOWN, false, 0, Duration.ofMinutes(5), 1,
                Duration.ofMinutes(1)));
        probes.dependencies.put("redis", false);
        assertThat(rule.evaluate(T0, probes)).isEmpty();
        assertThat(rule.evaluate(T0.plusSeconds(61), probes)).singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("redis"));
        probes.dependencies.put("redis", true);
        assertThat(rule.evaluate(T0.plusSeconds(62), probes)).isEmpty();
    }

    private static GatewayError classify(int status, String body) {
        return OpenAiErrors.classify(status, body, Optional.empty(), "openai", Redactor.patternsOnly());
    }

    /** Probes whose answers the test sets. */
    static final class FakeProbes implements Probes {
        WriterStats log = new WriterStats(0, 0, 0, 0, 0, true, Optional.empty());
        List<BudgetState> budgets = List.of();
        final Map<String, Boolean> dependencies = new LinkedHashMap<>(Map.of("database", true));

        @Override
        public WriterStats requestLog() {
            return log;
        }

        @Override
        public CompletionStage<List<BudgetState>> budgets() {
            return CompletableFuture.completedFuture(budgets);
        }

        @Override
        public Map<String, Boolean> dependencies() {
            return dependencies;
        }
    }
}
