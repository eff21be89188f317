package dev.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.Dialect;
import dev.junction.provider.AuthStyle;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.Timeouts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelResolverTest {

    static ProviderConfig provider(String name, List<String> models, List<String> patterns) {
        return new ProviderConfig(name, Dialect.OPENAI_CHAT, "https://" + name + ".example/v1", Optional.empty(),
                new AuthStyle.Bearer(), Map.of(), ParamRules.NONE, Timeouts.DEFAULTS, models, patterns);
    }

    private static final Route GENERAL = Route.ofSteps("general", List.of(
            Deployment.of("groq", "llama-3.3-70b-versatile", ParamRules.NONE),
            Deployment.of("openai", "gpt-4o-mini", ParamRules.NONE)));

    private static ModelResolver resolver(Map<String, Route> routes) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        providers.put("openai", provider("openai", List.of("gpt-4o", "gpt-4o-mini"), List.of("gpt-*", "o3*")));
        providers.put("groq", provider("groq", List.of("llama-3.3-70b-versatile", "gpt-oss-20b"), List.of()));
        providers.put("openrouter", provider("openrouter", List.of("openrouter/auto"), List.of()));
        return new ModelResolver(routes, providers);
    }

    /** A route straight to the model the client named: it serves any operation. */
    private static Route direct(String name, String provider, String model) {
        Deployment d = Deployment.of(provider, model, ParamRules.NONE);
        return Route.ofSteps(name, List.of(new Deployment(d.id(), provider, model, 1, java.util.Set.of(),
                Capabilities.ANY, d.rpm(), d.tpm(), d.price(), d.params(), d.timeouts())));
    }

    @Test
    void configuredRouteIsFoundByItsName() {
        assertThat(resolver(Map.of("general", GENERAL)).resolve("general")).hasValue(GENERAL);
    }

    @Test
    void configuredRouteWinsOverAProviderPrefix() {
        Route pinned = direct("groq/llama-3.3-70b-versatile", "openai", "gpt-4o");

        assertThat(resolver(Map.of(pinned.name(), pinned)).resolve("groq/llama-3.3-70b-versatile"))
                .hasValue(pinned);
    }

    @Test
    void providerPrefixRoutesDirectlyToThatProvider() {
        assertThat(resolver(Map.of()).resolve("groq/some-new-model"))
                .hasValue(direct("groq/some-new-model", "groq", "some-new-model"));
    }

    @Test
    void onlyTheFirstSlashSeparatesTheProvider() {
        assertThat(resolver(Map.of()).resolve("openrouter/anthropic/claude-sonnet-4"))
                .hasValue(direct("openrouter/anthropic/claude-sonnet-4", "openrouter", "anthropic/claude-sonnet-4"));
    }

    @Test
    void unprefixedNameListedByAProviderRoutesToIt() {
        assertThat(resolver(Map.of()).resolve("llama-3.3-70b-versatile"))
                .hasValue(direct("llama-3.3-70b-versatile", "groq", "llama-3.3-70b-versatile"));
    }

    @Test
    void exactNamesWinOverAnEarlierProvidersPattern() {
        ModelResolver resolver = new ModelResolver(Map.of(), orderedProviders(
                provider("openai", List.of(), List.of("gpt-*")),
                provider("groq", List.of("gpt-oss-20b"), List.of())));

        assertThat(resolver.resolve("gpt-oss-20b")).hasValue(direct("gpt-oss-20b", "groq", "gpt-oss-20b"));
    }

    @Test
    void unprefixedNameMatchingAPatternRoutesToThatProvider() {
        assertThat(resolver(Map.of()).resolve("gpt-4.5-preview"))
                .hasValue(direct("gpt-4.5-preview", "openai", "gpt-4.5-preview"));
    }

    @Test
    void providersAreMatchedInTheirConfiguredOrder() {
        ModelResolver resolver = new ModelResolver(Map.of(), orderedProviders(
                provider("second", List.of(), List.of("llama-*")),
                provider("first", List.of(), List.of("llama-*"))));

        assertThat(resolver.resolve("llama-4")).hasValueSatisfying(route ->
                assertThat(route.deployments().getFirst().provider()).isEqualTo("second"));
    }

    @Test
    void unknownNameResolvesToNothing() {
        assertThat(resolver(Map.of()).resolve("claude-sonnet-4")).isEmpty();
    }

    @Test
    void prefixOfAProviderThatIsNotRunResolvesToNothing() {
        assertThat(resolver(Map.of()).resolve("anthropic/claude-sonnet-4")).isEmpty();
    }

    @Test
    void aSlashAtEitherEndIsNotAProviderPrefix() {
        assertThat(resolver(Map.of()).resolve("groq/")).isEmpty();
        assertThat(resolver(Map.of()).resolve("/groq")).isEmpty();
    }

    @Test
    void publicModelsListSortedRoutesThenEveryProvidersModelsPrefixed() {
        Route beta = direct("beta", "groq", "gpt-oss-20b");

        assertThat(resolver(Map.of("general", GENERAL, "beta", beta)).publicModels()).containsExactly(
                "beta", "general", "openai/gpt-4o", "openai/gpt-4o-mini", "groq/llama-3.3-70b-versatile",
                "groq/gpt-oss-20b", "openrouter/openrouter/auto");
    }

    private static ModelResolver resolver(Map<String, Route> routes, Map<String, String> aliases) {
        return new ModelResolver(routes, aliases, resolver(Map.of()).providers());
    }

    private static Route wildcard(String glob, String provider, String model) {
        return Route.ofSteps(glob, List.of(Deployment.of(provider, model, ParamRules.NONE)));
    }

    @Test
    void aliasResolvesToTheRouteItNames() {
        assertThat(resolver(Map.of("general", GENERAL), Map.of("general-latest", "general")).resolve("general-latest"))
                .hasValue(GENERAL);
    }

    @Test
    void aliasWinsOverAProviderListedName() {
        assertThat(resolver(Map.of("general", GENERAL), Map.of("gpt-4o", "general")).resolve("gpt-4o"))
                .hasValue(GENERAL);
    }

    @Test
    void aliasNamingNoRouteIsRejected() {
        assertThatThrownBy(() -> resolver(Map.of(), Map.of("x", "missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    }

    @Test
    void wildcardRouteServesTheNameTheClientSent() {
        Route claude = wildcard("claude-*", "groq", "llama-3.3-70b-versatile");

        assertThat(resolver(Map.of(claude.name(), claude)).resolve("claude-sonnet-4")).hasValueSatisfying(route -> {
            assertThat(route.name()).isEqualTo("claude-sonnet-4");
            assertThat(route.groups()).isEqualTo(claude.groups());
        });
    }

    @Test
    void exactRouteNameWinsOverAMatchingWildcard() {
        Route claude = wildcard("claude-*", "groq", "llama-3.3-70b-versatile");
        Route sonnet = direct("claude-sonnet-4", "openai", "gpt-4o");

        assertThat(resolver(Map.of(claude.name(), claude, sonnet.name(), sonnet)).resolve("claude-sonnet-4"))
                .hasValue(sonnet);
    }

    @Test
    void aliasWinsOverAMatchingWildcard() {
        Route claude = wildcard("claude-*", "groq", "llama-3.3-70b-versatile");

        assertThat(resolver(Map.of(claude.name(), claude, "general", GENERAL), Map.of("claude-fast", "general"))
                .resolve("claude-fast")).hasValue(GENERAL);
    }

    @Test
    void wildcardWithTheLongestLiteralPrefixWins() {
        Route any = wildcard("*", "groq", "gpt-oss-20b");
        Route claude = wildcard("claude-*", "groq", "llama-3.3-70b-versatile");
        Route sonnet = wildcard("claude-sonnet-*", "openai", "gpt-4o");

        ModelResolver resolver = resolver(Map.of(any.name(), any, claude.name(), claude, sonnet.name(), sonnet));

        assertThat(resolver.resolve("claude-sonnet-4-5").orElseThrow().groups()).isEqualTo(sonnet.groups());
        assertThat(resolver.resolve("claude-opus-4").orElseThrow().groups()).isEqualTo(claude.groups());
        assertThat(resolver.resolve("mistral-large").orElseThrow().groups()).isEqualTo(any.groups());
    }

    @Test
    void wildcardWinsOverAProviderPrefixAndTheCatalog() {
        Route catchAll = wildcard("*", "openai", "gpt-4o");

        ModelResolver resolver = resolver(Map.of(catchAll.name(), catchAll));

        assertThat(resolver.resolve("groq/gpt-oss-20b").orElseThrow().deployments().getFirst().model())
                .isEqualTo("gpt-4o");
        assertThat(resolver.resolve("gpt-oss-20b").orElseThrow().deployments().getFirst().model())
                .isEqualTo("gpt-4o");
    }

    @Test
    void clientModelDeploymentSendsTheRequestedNameUpstream() {
        Route claude = wildcard("claude-*", "groq", ModelResolver.CLIENT_MODEL);

        Deployment d = resolver(Map.of(claude.name(), claude)).resolve("claude-opus-4").orElseThrow()
                .deployments().getFirst();

        assertThat(d.model()).isEqualTo("claude-opus-4");
        assertThat(d.id()).isEqualTo("groq/claude-opus-4");
    }

    @Test
    void nameMatchingNoWildcardFallsThroughToTheProviders() {
        Route claude = wildcard("claude-*", "groq", "llama-3.3-70b-versatile");

        assertThat(resolver(Map.of(claude.name(), claude)).resolve("gpt-4o"))
                .hasValue(direct("gpt-4o", "openai", "gpt-4o"));
    }

    @Test
    void publicModelsListRoutesAndAliasesButNotWildcards() {
        Route claude = wildcard("claude-*", "groq", "llama-3.3-70b-versatile");

        assertThat(resolver(Map.of("general", GENERAL, claude.name(), claude), Map.of("alpha", "general"))
                .publicModels()).startsWith("alpha", "general", "openai/gpt-4o").doesNotContain("claude-*");
    }

    private static Map<String, ProviderConfig> orderedProviders(ProviderConfig... providers) {
        Map<String, ProviderConfig> out = new LinkedHashMap<>();
        for (ProviderConfig p : providers) {
            out.put(p.name(), p);
        }
        return out;
    }
}
