package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.guard.Detector;
import dev.junction.guard.Finding;
import dev.junction.provider.ProviderCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code guardrails:} section: policies, custom detectors, scopes, and every problem with its path. */
class GuardrailSettingsTest {

    private static GuardrailSettings load(String yaml) {
        return new ConfigLoader(ProviderCatalog.bundled(), Map.of()).loadYaml(yaml, "test.yaml").guardrails();
    }

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml)).problems();
    }

    @Test
    void nothingSaidMeansNoPolicies() {
        assertThat(load("keys: []\n")).isEqualTo(GuardrailSettings.NONE);
    }

    @Test
    void aPolicyIsReadWithItsDetectorsDirectionActionsAndScope() {
        GuardPolicy policy = load("""
                guardrails:
                  policies:
                    strict:
                      detectors: [pii, secrets]
                      on: both
                      actions: {EMAIL: redact, secrets: block, default: flag}
                      restore: true
                      min_confidence: 0.8
                      applies_to: {routes: [chat], keys: [ci], teams: [ml], tenants: [acme]}
                """).policies().getFirst();

        assertThat(policy.name()).isEqualTo("strict");
        assertThat(policy.detectors()).extracting(Detector::name).containsExactly("pii", "secrets");
        assertThat(policy.on()).isEqualTo(GuardPolicy.Direction.BOTH);
        assertThat(policy.restore()).isTrue();
        assertThat(policy.minConfidence()).isEqualTo(0.8);
        assertThat(policy.appliesTo().matches("chat", "ci", Optional.of("ml"), Optional.of("acme"))).isTrue();
        assertThat(policy.appliesTo().matches("chat", "ci", Optional.empty(), Optional.of("acme"))).isFalse();
    }

    @Test
    void anEntityTypesActionWinsOverItsDetectorsAndTheDefaultCoversTheRest() {
        GuardPolicy policy = load("""
                guardrails:
                  policies:
                    p: {detectors: [pii], actions: {EMAIL: redact, pii: block}}
                    q: {detectors: [pii], actions: {default: flag}}
                    r: {detectors: [pii]}
                """).policies().getFirst();
        GuardrailSettings all = load("""
                guardrails:
                  policies:
                    q: {detectors: [pii], actions: {default: flag}}
                    r: {detectors: [pii]}
                """);
        Detector pii = policy.detectors().getFirst();

        assertThat(policy.actionFor(new Finding("EMAIL", 0, 1, 1), pii)).isEqualTo(GuardPolicy.Action.REDACT);
        assertThat(policy.actionFor(new Finding("IBAN", 0, 1, 1), pii)).isEqualTo(GuardPolicy.Action.BLOCK);
        assertThat(all.policies().get(0).actionFor(new Finding("IBAN", 0, 1, 1), pii))
                .isEqualTo(GuardPolicy.Action.FLAG);
        assertThat(all.policies().get(1).actionFor(new Finding("IBAN", 0, 1, 1), pii))
                .as("without an action a finding blocks").isEqualTo(GuardPolicy.Action.BLOCK);
    }

    @Test
    void customRegexAndKeywordDetectorsCanBeUsedByName() {
        GuardrailSettings settings = load("""
                guardrails:
                  detectors:
                    orders: {regex: ["ORD-\\\\d{6}"], entity_type: ORDER_ID}
                    projects: {keywords: [Project Falcon, Nightjar]}
                  policies:
                    internal: {detectors: [orders, projects], actions: {ORDER_ID: redact, PROJECTS: block}}
                """);
        List<Detector> detectors = settings.policies().getFirst().detectors();

        assertThat(detectors.get(0).scan("see ORD-123456 now")).extracting(Finding::entityType)
                .containsExactly("ORDER_ID");
        assertThat(detectors.get(1).scan("the project falcon launch")).extracting(Finding::entityType)
                .containsExactly("PROJECTS");
        assertThat(detectors.get(1).scan("a nightjarring bird")).isEmpty();
    }

    @Test
    void everyMistakeIsAProblemNamingItsPath() {
        List<String> problems = problems("""
                guardrails:
                  colour: blue
                  phone_region: Europe
                  detectors:
                    broken: {regex: ["(unclosed"]}
                    both: {regex: [a], keywords: [b]}
                    pii: {keywords: [x]}
                  policies:
                    p:
                      detectors: [pii, nonesuch]
                      on: sideways
                      actions: {EMAIL: erase, SWIFT_CODE: block}
                      applies_to: {regions: [eu]}
                    empty: {detectors: []}
                """);

        assertThat(String.join("\n", problems)).contains(
                "guardrails.colour: unknown key",
                "guardrails.phone_region: expected a two-letter region code",
                "guardrails.detectors.broken.regex: not a valid regular expression",
                "guardrails.detectors.both: expected exactly one of regex, keywords",
                "guardrails.detectors.pii: the name of a built-in detector",
                "guardrails.policies.p.detectors: unknown detector 'nonesuch'",
                "guardrails.policies.p.on: expected one of input, output, both, got 'sideways'",
                "guardrails.policies.p.actions.EMAIL: expected one of block, redact, flag, got 'erase'",
                "guardrails.policies.p.actions.SWIFT_CODE: neither a detector of the policy nor an entity type",
                "guardrails.policies.p.applies_to.regions: unknown key",
                "guardrails.policies.empty.detectors: required, at least one detector");
    }

    @Test
    void aWebhookDetectorIsReadWithItsHeadersFromTheEnvironmentAndHidesThemWhenPrinted() {
        GuardPolicy policy = new ConfigLoader(ProviderCatalog.bundled(), Map.of("TOKEN", "secret-token-value"))
                .loadYaml("""
                guardrails:
                  detectors:
                    presidio:
                      webhook:
                        url: https://guard.internal/check
                        timeout: 750ms
                        fail_open: true
                        headers: {authorization: "Bearer ${TOKEN}"}
                        entity_types: [PERSON]
                  policies:
                    p: {detectors: [presidio, secrets], actions: {PERSON: flag}}
                """, "test.yaml").guardrails().policies().getFirst();

        GuardWebhook hook = policy.webhooks().getFirst();
        assertThat(hook.url()).hasToString("https://guard.internal/check");
        assertThat(hook.timeout()).hasMillis(750);
        assertThat(hook.failOpen()).isTrue();
        assertThat(hook.headers()).containsEntry("authorization", "Bearer secret-token-value");
        assertThat(hook.toString()).doesNotContain("secret-token-value");
        assertThat(policy.detectors()).extracting(Detector::name).containsExactly("secrets");
    }

    @Test
    void aWebhookDetectorsMistakesAreReportedWithTheirPaths() {
        assertThat(problems("""
                guardrails:
                  detectors:
                    a: {webhook: {url: ftp://x/y, retries: 2}}
                    b: {webhook: {url: http://guard/check}, regex: [x]}
                    c: {webhook: {timeout: 1s}}
                  policies:
                    p: {detectors: [a]}
                """)).anySatisfy(p -> assertThat(p).contains("guardrails.detectors.a.webhook.url"))
                .anySatisfy(p -> assertThat(p).contains("guardrails.detectors.a.webhook").contains("retries"))
                .anySatisfy(p -> assertThat(p).contains("guardrails.detectors.b: a webhook detector has only"))
                .anySatisfy(p -> assertThat(p).contains("guardrails.detectors.c.webhook.url"));
    }

    @Test
    void aJsonSchemaCheckMustBeASchemaOrRequestAndRunOnAnswers() {
        assertThat(problems("""
                guardrails:
                  detectors:
                    shape: {json_schema: 42}
                    own: {json_schema: request, target: everything}
                    fine: {json_schema: {type: object}}
                  policies:
                    p: {detectors: [fine]}
                """)).anySatisfy(p -> assertThat(p).contains("guardrails.detectors.shape.json_schema"))
                .anySatisfy(p -> assertThat(p).contains("guardrails.detectors.own.target"))
                .anySatisfy(p -> assertThat(p).contains("guardrails.policies.p.on").contains("answers"));
    }
}
