package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.provider.ParamRules;
import dev.junction.routing.UnitPrices;
import dev.junction.provider.ProviderCatalog;
import dev.junction.routing.Capabilities;
import dev.junction.routing.Deployment;
import dev.junction.routing.FallbackRules;
import dev.junction.routing.Price;
import dev.junction.routing.RetryPolicy;
import dev.junction.routing.Route;
import dev.junction.routing.health.HealthPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesConfigTest {

    private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "sk-test-0123456789",
            "ANTHROPIC_API_KEY", "sk-ant-0123456789");

    private static GatewayConfig load(String yaml) {
        return new ConfigLoader(ProviderCatalog.bundled(), ENV).loadYaml(yaml, "test.yaml");
    }

    private static List<String> problems(String yaml) {
        try {
            load(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    private static final String FULL = """
            routes:
              chat:
                strategy: weighted
                aliases: [chat-latest, gpt-4o]
                groups:
                  - name: primary
                    deployments:
                      - provider: openai
                        model: gpt-4o-mini
                        id: oai-mini
                        weight: 5
                        tags: [free-tier]
                        rpm: 500
                        tpm: 200000
                        price: {input: 0.15, output: 0.60}
                        context_window: 128000
                        vision: false
                        tools: true
                        params: {drop: [seed]}
                        timeouts: {first_byte: 10s}
                      - {provider: anthropic, model: claude-haiku-4-5}
                  - use: backup-pool
                retry: {attempts: 3, backoff: 100ms, max_backoff: 2s, max_retry_after: 10s}
                fallback: {statuses: [400, 409], content_policy: safe-chat, context_window: false}
                params: {set: {temperature: 0.2}}
                timeouts: {first_byte: 30s}
              safe-chat:
                groups: [{use: backup-pool}]
            groups:
              backup-pool:
                deployments: [{provider: mock, model: echo}]
            """;

    @Test
    void routeReadsItsStrategyAliasesRetryAndFallback() {
        GatewayConfig config = load(FULL);
        Route chat = config.routes().get("chat");

        assertThat(chat.strategy()).isEqualTo("weighted");
        assertThat(config.aliases()).containsExactly(Map.entry("chat-latest", "chat"), Map.entry("gpt-4o", "chat"));
        assertThat(chat.retry()).isEqualTo(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofSeconds(10)));
        assertThat(chat.fallback()).isEqualTo(new FallbackRules(Set.of(400, 409), Optional.of("safe-chat"), false));
        assertThat(chat.params()).isNotEqualTo(ParamRules.NONE);
        assertThat(chat.timeouts().orElseThrow().firstByte()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void deploymentReadsEveryKey() {
        Deployment d = load(FULL).routes().get("chat").groups().getFirst().deployments().getFirst();

        assertThat(d.id()).isEqualTo("oai-mini");
        assertThat(d.label()).isEqualTo("openai/gpt-4o-mini");
        assertThat(d.weight()).isEqualTo(5);
        assertThat(d.freeTier()).isTrue();
        assertThat(d.rpm()).isEqualTo(OptionalInt.of(500));
        assertThat(d.tpm()).isEqualTo(OptionalInt.of(200000));
        assertThat(d.price()).hasValue(new Price(0.15, 0.60));
        assertThat(d.capabilities()).isEqualTo(new Capabilities(OptionalInt.of(128000), false, true));
        assertThat(d.params()).isNotEqualTo(ParamRules.NONE);
        assertThat(d.timeouts().orElseThrow().firstByte()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void deploymentPriceReadsEveryKindOfToken() {
        Deployment d = load("""
                routes:
                  r:
                    groups:
                      - deployments:
                          - provider: anthropic
                            model: claude-sonnet-4-5
                            price: {input: 3, output: 15, cached_read: 0.3, cache_write: 3.75, reasoning: 15,
                                    per_image: 0.04, per_second: 0.0001}
                """).routes().get("r").deployments().getFirst();

        assertThat(d.price()).hasValue(new Price(3, 15, OptionalDouble.of(0.3), OptionalDouble.of(3.75),
                OptionalDouble.of(15), new UnitPrices(java.util.Map.of("image", 0.04, "audio_second", 0.0001))));
    }

    @Test
    void deploymentPriceReadsUnitPricesAndTheOperationsItServes() {
        Deployment d = load("""
                routes:
                  image-default:
                    groups:
                      - deployments:
                          - provider: openai
                            model: dall-e-3
                            operations: [images]
                            price: {input: 0, output: 0, per_image: 0.04,
                                    units: {"image:1024x1024:hd": 0.08, "request": 0.001}}
                """).routes().get("image-default").deployments().getFirst();

        assertThat(d.price().orElseThrow().units()).isEqualTo(new UnitPrices(java.util.Map.of("image", 0.04,
                "image:1024x1024:hd", 0.08, "request", 0.001)));
        assertThat(d.capabilities().operations()).containsExactly(dev.junction.routing.OperationKind.IMAGES);
    }

    @Test
    void aDeploymentThatListsNoOperationsServesWhatTheCatalogListsForItsModel() {
        var routes = load("""
                routes:
                  r:
                    groups:
                      - deployments:
                          - {provider: openai, model: dall-e-3}
                          - {provider: openai, model: gpt-4o-mini}
                """).routes().get("r").deployments();

        assertThat(routes.get(0).capabilities().operations()).containsExactly(dev.junction.routing.OperationKind.IMAGES);
        assertThat(routes.get(1).capabilities().operations()).isEqualTo(dev.junction.routing.OperationKind.DEFAULT);
    }

    @Test
    void aGeminiModelTheCatalogMarksForTranscriptionStillChats() {
        var routes = load("""
                providers:
                  gemini: {api_key: AIza-test-0123456789}
                routes:
                  r:
                    groups:
                      - deployments:
                          - {provider: gemini, model: gemini-2.5-flash}
                          - {provider: gemini, model: gemini-embedding-001}
                """).routes().get("r").deployments();

        assertThat(routes.get(0).capabilities().operations()).containsExactlyInAnyOrder(
                dev.junction.routing.OperationKind.CHAT, dev.junction.routing.OperationKind.AUDIO_TRANSCRIPTION);
        assertThat(routes.get(1).capabilities().operations()).isEqualTo(dev.junction.routing.OperationKind.DEFAULT);
    }

    @Test
    void anUnknownOperationIsAProblem() {
        assertThat(problems("""
                routes:
                  r:
                    groups:
                      - deployments:
                          - {provider: mock, model: echo, operations: [chat, video]}
                """)).containsExactly("routes.r.groups[0].deployments[0].operations: unknown operation 'video' "
                + "(known: chat, embeddings, images, audio_speech, audio_transcription, rerank, moderations, "
                + "completions)");
    }

    @Test
    void priceProblemsAreReportedPerKey() {
        assertThat(problems("""
                routes:
                  r:
                    groups:
                      - deployments:
                          - {provider: mock, model: echo, price: {input: 1, output: 2, cached_read: -0.1, cache: 1}}
                """)).containsExactlyInAnyOrder(
                "routes.r.groups[0].deployments[0].price.cache: unknown key (expected one of cache_write, "
                        + "cached_read, input, output, per_image, per_million_characters, per_second, reasoning, units)",
                "routes.r.groups[0].deployments[0].price.cached_read: must be between 0.0 and 1000000.0, got -0.1");
    }

    @Test
    void deploymentTimeoutsFillTheRestFromItsProvider() {
        GatewayConfig config = load(FULL);
        Deployment d = config.routes().get("chat").groups().getFirst().deployments().getFirst();

        assertThat(d.timeouts().orElseThrow().connect())
                .isEqualTo(config.providers().get("openai").timeouts().connect());
    }

    @Test
    void unsetDeploymentKeysTakeTheirDefaults() {
        Deployment d = load(FULL).routes().get("chat").groups().getFirst().deployments().get(1);

        assertThat(d).isEqualTo(Deployment.of("anthropic", "claude-haiku-4-5", ParamRules.NONE));
    }

    @Test
    void groupsAreTriedInOrderAndUnnamedOnesAreNamedByRouteAndIndex() {
        Route chat = load(FULL).routes().get("chat");

        assertThat(chat.groups()).extracting(g -> g.name()).containsExactly("primary", "backup-pool");
        assertThat(load("routes:\n  r:\n    groups: [{deployments: [{provider: mock, model: echo}]}]\n")
                .routes().get("r").groups().getFirst().name()).isEqualTo("r#0");
    }

    @Test
    void sharedGroupIsTheSameGroupInEveryRouteThatUsesIt() {
        GatewayConfig config = load(FULL);

        assertThat(config.routes().get("chat").groups().get(1))
                .isEqualTo(config.routes().get("safe-chat").groups().getFirst());
    }

    @Test
    void routeWithoutRulesGetsPriorityAndTheDefaultPolicies() {
        Route r = load("routes:\n  r:\n    groups: [{deployments: [{provider: mock, model: echo}]}]\n")
                .routes().get("r");

        assertThat(r.strategy()).isEqualTo("priority");
        assertThat(r.retry()).isEqualTo(RetryPolicy.onePass(1)); // each deployment once, no second pass
        assertThat(r.fallback()).isEqualTo(FallbackRules.DEFAULTS);
        assertThat(r.timeouts()).isEmpty();
    }

    @Test
    void stepsFormStillMeansOneDeploymentPerGroupTriedInOrder() {
        Route r = load("""
                routes:
                  general:
                    steps:
                      - {provider: openai, model: gpt-4o-mini}
                      - {provider: mock, model: echo}
                """).routes().get("general");

        assertThat(r).isEqualTo(Route.ofSteps("general", List.of(
                Deployment.of("openai", "gpt-4o-mini", ParamRules.NONE),
                Deployment.of("mock", "echo", ParamRules.NONE))));
    }

    @Test
    void stepsFormMayUseOneModelWithDifferentParamsInTwoRoutes() {
        GatewayConfig config = load("""
                routes:
                  precise: {steps: [{provider: mock, model: echo, params: {set: {temperature: 0}}}]}
                  creative: {steps: [{provider: mock, model: echo, params: {set: {temperature: 1}}}]}
                """);

        assertThat(config.routes()).containsOnlyKeys("precise", "creative");
    }

    @Test
    void wildcardRouteIsKeptUnderItsGlobAndMayPassTheClientsModelOn() {
        Route r = load("routes:\n  \"claude-*\":\n    groups: [{deployments: [{provider: anthropic, model: '*'}]}]\n")
                .routes().get("claude-*");

        assertThat(r.deployments().getFirst().model()).isEqualTo("*");
    }

    @Test
    void sameDeploymentWithTheSameSettingsMayAppearInTwoRoutes() {
        GatewayConfig config = load("""
                routes:
                  a: {groups: [{deployments: [{provider: mock, model: echo, weight: 2}]}]}
                  b: {groups: [{deployments: [{provider: mock, model: echo, weight: 2}]}]}
                """);

        assertThat(config.routes()).containsOnlyKeys("a", "b");
    }

    @Test
    void healthSectionIsRead() {
        GatewayConfig config = load("""
                health: {consecutive_failures: 3, error_rate: 0.25, min_requests: 10, window: 30s, cool_down: 1m}
                """);

        assertThat(config.health()).isEqualTo(new HealthPolicy(3, 0.25, 10, Duration.ofSeconds(30),
                Duration.ofMinutes(1)));
    }

    @Test
    void healthDefaultsWhenAbsent() {
        assertThat(load("routes: {}").health()).isEqualTo(HealthPolicy.DEFAULTS);
    }

    @Test
    void everyRoutingProblemIsReportedAtOnceWithItsPath() {
        List<String> problems = problems("""
                routes:
                  chat:
                    strategy: fastest
                    aliases: [other, shared-name, "x-*"]
                    color: blue
                    groups:
                      - deployments:
                          - {provider: nope, model: m}
                          - {provider: mock, model: echo, weight: 0, price: {input: -1}}
                          - {provider: mock, model: echo, tags: [x]}
                          - {provider: mock, model: '*'}
                      - use: missing-pool
                    retry: {attempts: 0, backoff: 2s, max_backoff: 1s}
                    fallback: {statuses: [200, abc], content_policy: nowhere}
                  other:
                    aliases: [shared-name]
                    steps: [{provider: mock, model: echo}]
                    groups: [{deployments: [{provider: mock, model: echo}]}]
                health: {error_rate: 2, window: soon}
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                "routes.chat.strategy: unknown strategy 'fastest' (known: priority, round-robin, weighted, random, "
                        + "least-latency, least-busy, least-cost, free-tier-first, capability-aware, "
                        + "failover-demotion)",
                "routes.chat.color: unknown key (expected one of aliases, fallback, groups, params, retry, steps, "
                        + "strategy, timeouts)",
                "routes.chat.groups[0].deployments[0].provider: unknown provider 'nope' (configured: mock, openai, "
                        + "anthropic; a catalog provider is enabled by its API key variable or a 'providers' entry)",
                "routes.chat.groups[0].deployments[1].weight: must be between 1 and 1000000, got 0",
                "routes.chat.groups[0].deployments[1].price.input: must be between 0.0 and 1000000.0, got -1",
                "routes.chat.groups[0].deployments[1].price.output: required (USD per million tokens)",
                "routes.chat.groups[0].deployments[3].model: '*' (the client's model name) is only allowed in a "
                        + "wildcard route's own groups",
                "routes.chat.groups[1].use: unknown shared group 'missing-pool' (defined under 'groups': none)",
                "routes.chat.retry.attempts: must be between 1 and 100, got 0",
                "routes.chat.retry.max_backoff: must be at least the backoff (2000ms), got 1000ms",
                "routes.chat.fallback.statuses[0]: expected an integer between 400 and 599, got '200'",
                "routes.chat.fallback.statuses[1]: expected an integer between 400 and 599, got 'abc'",
                "routes.chat.aliases[0]: 'other' is already the name of a route",
                "routes.chat.aliases[2]: 'x-*' cannot contain '*'; make it a wildcard route instead",
                "routes.other: use either 'groups' or 'steps', not both",
                "routes.other.aliases[0]: 'shared-name' is already an alias of route 'chat'",
                "health.error_rate: must be between 0.01 and 1.0, got 2",
                "health.window: expected a positive duration with a unit (500ms, 30s, 2m, 1h), got 'soon'");
    }

    @Test
    void deploymentIdUsedTwiceWithOtherSettingsIsAProblem() {
        List<String> problems = problems("""
                routes:
                  a: {groups: [{deployments: [{provider: mock, model: echo, weight: 2}]}]}
                  b: {groups: [{deployments: [{provider: mock, model: tools, id: mock/echo}]}]}
                """);

        assertThat(problems).containsExactly("routes.b.groups[0].deployments[0]: deployment id 'mock/echo' is "
                + "already used with other settings at routes.a.groups[0].deployments[0] (give one an 'id', or put it "
                + "in a shared group under 'groups' and 'use' that)");
    }

    @Test
    void contentPolicyMustNameAnotherRouteOrAlias() {
        String base = "routes:\n  safe: {aliases: [safe-latest], groups: [{deployments: [{provider: mock, model: "
                + "echo}]}]}\n  chat:\n    groups: [{use: pool}]\n    fallback: {content_policy: %s}\n"
                + "groups:\n  pool: {deployments: [{provider: mock, model: tools}]}\n";

        assertThat(load(base.formatted("safe-latest")).routes().get("chat").fallback().contentPolicy())
                .hasValue("safe-latest");
        assertThat(problems(base.formatted("nowhere"))).containsExactly("routes.chat.fallback.content_policy: "
                + "unknown route 'nowhere' (a route name or alias, not a wildcard)");
        assertThat(problems(base.formatted("chat"))).containsExactly("routes.chat.fallback.content_policy: "
                + "a route cannot be its own content-policy fallback");
    }

    @Test
    void sharedGroupWithAProblemIsReportedOnceNotAtEveryUse() {
        List<String> problems = problems("""
                routes:
                  a: {groups: [{use: pool}]}
                  b: {groups: [{use: pool}]}
                groups:
                  pool: {deployments: [{provider: mock}]}
                """);

        assertThat(problems).containsExactly("groups.pool.deployments[0].model: required");
    }

    @Test
    void groupUsedTwiceInOneRouteIsAProblem() {
        assertThat(problems("""
                routes:
                  a: {groups: [{use: pool}, {use: pool}]}
                groups:
                  pool: {deployments: [{provider: mock, model: echo}]}
                """)).containsExactly("routes.a.groups[1]: group 'pool' appears twice in this route");
    }
}
