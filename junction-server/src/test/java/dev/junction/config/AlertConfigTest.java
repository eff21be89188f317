package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.config.AlertSettings.ChannelType;
import dev.junction.config.AlertSettings.RuleType;
import dev.junction.provider.ProviderCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code alerts:}: channels with their secrets from the environment, rules with their types' defaults, problems. */
class AlertConfigTest {

    private static AlertSettings load(String yaml, Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(yaml, "test.yaml").observability().alerts();
    }

    @Test
    void nothingConfiguredIsNoChannelAndNoRule() {
        assertThat(load("", Map.of())).isEqualTo(AlertSettings.DEFAULT);
    }

    @Test
    void channelsAndRulesAreReadWithTheirDefaults() {
        AlertSettings a = load("""
                alerts:
                  evaluate_every: 5s
                  delivery: {retries: 1, backoff: 200ms}
                  channels:
                    oncall: {type: lark, url: "${HOOK}", secret: "${SIGN:-}"}
                    pager: {type: webhook, url: "https://alerts.example.com/in", secret: s3cret}
                  rules:
                    - {type: upstream_failure_rate}
                    - {name: streaks, type: upstream_consecutive_failures, by: deployment, threshold: 3,
                       cool_down: 1h, channels: [pager]}
                    - {type: circuit_open, after: 0}
                """, Map.of("HOOK", "https://open.feishu.cn/open-apis/bot/v2/hook/abc"));
        assertThat(a.evaluateEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(a.delivery().retries()).isEqualTo(1);
        assertThat(a.delivery().backoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(a.delivery().queueSize()).isEqualTo(100);
        assertThat(a.channels()).containsOnlyKeys("oncall", "pager");
        assertThat(a.channels().get("oncall").type()).isEqualTo(ChannelType.FEISHU);
        assertThat(a.channels().get("oncall").url().reveal()).endsWith("/hook/abc");
        assertThat(a.channels().get("oncall").secret()).as("an empty secret is none").isEmpty();
        assertThat(a.channels().get("pager").secret()).isPresent();

        var rate = a.rules().get(0);
        assertThat(rate.name()).isEqualTo("upstream_failure_rate");
        assertThat(rate.byDeployment()).isFalse();
        assertThat(rate.threshold()).isEqualTo(0.5);
        assertThat(rate.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rate.minRequests()).isEqualTo(10);
        assertThat(rate.coolDown()).isEqualTo(Duration.ofMinutes(15));
        var streaks = a.rules().get(1);
        assertThat(streaks.type()).isEqualTo(RuleType.UPSTREAM_CONSECUTIVE_FAILURES);
        assertThat(streaks.byDeployment()).isTrue();
        assertThat(streaks.threshold()).isEqualTo(3);
        assertThat(streaks.channels()).containsExactly("pager");
        assertThat(a.rules().get(2).after()).isZero();
    }

    @Test
    void problemsAreReportedTogetherWithoutTheAddress() {
        assertThatThrownBy(() -> load("""
                alerts:
                  channels:
                    a: {type: teams, url: "https://x.example.com/tok"}
                    b: {type: slack, url: "ftp://hooks.example.com/secret-token"}
                  rules:
                    - {type: upstream_failure_rate, threshold: 2, channels: [nope]}
                    - {type: upstream_failure_rate, by: model}
                    - {type: bogus}
                  colour: red
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerts.channels.a.type: expected feishu")
                .hasMessageContaining("alerts.channels.b.url: expected an http:// or https:// address")
                .hasMessageContaining("alerts.rules[0].threshold: must be between 0")
                .hasMessageContaining("alerts.rules[0].channels: there is no channel 'nope'")
                .hasMessageContaining("alerts.rules[1].by: expected provider or deployment")
                .hasMessageContaining("alerts.rules[1].name: another rule is named 'upstream_failure_rate'")
                .hasMessageContaining("alerts.rules[2].type: unknown rule type 'bogus'")
                .hasMessageContaining("alerts.colour: unknown key")
                .message().doesNotContain("secret-token");
    }

    @Test
    void aGuardrailHitsRuleIsReadByPolicyOrEntityTypeAndRenderedBack() {
        List<AlertSettings.Rule> rules = load("alerts: {rules: [{type: guardrail_hits}, {type: guardrail_hits, "
                + "name: types, by: entity_type, threshold: 3, window: 1h}]}", Map.of()).rules();

        assertThat(rules.getFirst().threshold()).isEqualTo(10);
        assertThat(rules.getFirst().byEntityType()).isFalse();
        assertThat(rules.get(1).byEntityType()).isTrue();
        assertThat(rules.get(1).threshold()).isEqualTo(3);
        assertThat(AlertRuleDefinitions.render(rules.get(1)).get("by").asString()).isEqualTo("entity_type");
        assertThatThrownBy(() -> load("alerts: {rules: [{type: guardrail_hits, by: deployment}]}", Map.of()))
                .hasMessageContaining("expected policy or entity_type");
    }

    @Test
    void budgetLevelsAreSortedAndDistinct() {
        assertThat(load("alerts: {rules: [{type: budget, levels: [100, 80, 80]}]}", Map.of()).rules().getFirst()
                .levels()).isEqualTo(List.of(80, 100));
    }
}
