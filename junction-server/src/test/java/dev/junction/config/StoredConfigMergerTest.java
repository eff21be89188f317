package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ConfigLayers.Source;
import dev.junction.config.StoredProvider;
import dev.junction.config.StoredRoute;
import dev.junction.crypto.GatewaySecretKey;
import dev.junction.crypto.SecretBox;
import dev.junction.provider.ProviderCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredConfigMergerTest {

    private static final SecretBox SECRETS = new SecretBox(GatewaySecretKey.load(Optional.of("cd".repeat(32)),
            Path.of("never-read.key")));
    private static final StoredConfigMerger MERGER = new StoredConfigMerger(ProviderCatalog.bundled(), SECRETS);
    private static final String FILE = """
            providers:
              filed: {base_url: "http://127.0.0.1:1/v1", models: [m]}
            groups:
              pool: {deployments: [{provider: filed, model: m}]}
            routes:
              file-route: {aliases: [file-alias], groups: [{use: pool}]}
            """;

    private static GatewayConfig file(Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(FILE, "test.yaml");
    }

    private static StoredProvider provider(String name, String definition, String key) {
        return new StoredProvider(name, definition, Optional.of(SECRETS.seal(key,
                StoredConfigMerger.keyBinding(name))));
    }

    private static StoredProvider upstream(String name) {
        return provider(name, "{\"base_url\": \"http://127.0.0.1:2/v1\"}", "sk-" + name + "-0123456789");
    }

    private static StoredRoute route(String name, String definition) {
        return new StoredRoute(name, definition);
    }

    @Test
    void aStoredProviderCarriesItsDecryptedKeyAndIsMarkedStored() {
        GatewayConfig merged = MERGER.merge(file(Map.of()), List.of(upstream("up")), List.of());

        assertThat(merged.providers().get("up").apiKey().orElseThrow().reveal()).isEqualTo("sk-up-0123456789");
        assertThat(merged.layers().providerSource("up")).contains(Source.STORE);
        assertThat(merged.layers().providerSource("filed")).contains(Source.FILE);
    }

    @Test
    void theFileWinsOverAStoredProviderOfTheSameName() {
        GatewayConfig merged = MERGER.merge(file(Map.of()), List.of(upstream("filed")), List.of());

        assertThat(merged.providers().get("filed").baseUrl()).isEqualTo("http://127.0.0.1:1/v1");
        assertThat(merged.layers().skipped().get("providers.filed")).singleElement().asString()
                .contains("the configuration file declares this name");
    }

    @Test
    void theFileWinsOverAStoredRouteNamedLikeOneOfItsAliases() {
        GatewayConfig merged = MERGER.merge(file(Map.of()), List.of(),
                List.of(route("file-alias", "{\"steps\": [{\"provider\": \"mock\", \"model\": \"echo\"}]}")));

        assertThat(merged.routes()).doesNotContainKey("file-alias");
        assertThat(merged.aliases()).containsEntry("file-alias", "file-route");
        assertThat(merged.layers().skipped()).containsKey("routes.file-alias");
    }

    @Test
    void aStoredProviderGetsNoKeyFromTheEnvironment() {
        GatewayConfig base = file(Map.of("OPENAI_API_KEY", "sk-from-the-environment-0123"));

        GatewayConfig merged = MERGER.merge(base, List.of(new StoredProvider("my-openai",
                "{\"preset\": \"openai\"}", Optional.empty())), List.of());

        assertThat(merged.providers().get("my-openai").apiKey()).isEmpty();
    }

    @Test
    void aStoredDefinitionHoldingAKeyIsLeftOut() {
        GatewayConfig merged = MERGER.merge(file(Map.of()), List.of(new StoredProvider("leaky",
                "{\"base_url\": \"http://127.0.0.1:2/v1\", \"api_key\": \"sk-plain-0123456789\"}", Optional.empty())),
                List.of());

        assertThat(merged.providers()).doesNotContainKey("leaky");
        assertThat(merged.layers().skipped().get("providers.leaky")).anyMatch(p -> p.contains(".api_key: not part"));
    }

    @Test
    void aKeySealedForAnotherProviderDoesNotOpen() {
        StoredProvider copied = new StoredProvider("thief", "{\"base_url\": \"http://127.0.0.1:2/v1\"}",
                upstream("victim").apiKeyCiphertext());

        GatewayConfig merged = MERGER.merge(file(Map.of()), List.of(copied), List.of());

        assertThat(merged.providers()).doesNotContainKey("thief");
        assertThat(merged.layers().skipped().get("providers.thief")).anyMatch(p -> p.contains("cannot decrypt"));
    }

    @Test
    void aStoredRouteMayUseASharedGroupOfTheFile() {
        GatewayConfig merged = MERGER.merge(file(Map.of()), List.of(),
                List.of(route("pooled", "{\"groups\": [{\"use\": \"pool\"}], \"aliases\": [\"pooled-latest\"]}")));

        assertThat(merged.routes().get("pooled").deployments()).extracting(d -> d.provider()).containsExactly("filed");
        assertThat(merged.aliases()).containsEntry("pooled-latest", "pooled");
        assertThat(merged.layers().routeSource("pooled")).contains(Source.STORE);
    }

    @Test
    void aStoredRouteWhoseProviderIsGoneIsLeftOutWhenMergedAgain() {
        GatewayConfig withBoth = MERGER.merge(file(Map.of()), List.of(upstream("up")),
                List.of(route("r", "{\"steps\": [{\"provider\": \"up\", \"model\": \"m\"}]}")));

        GatewayConfig withoutProvider = MERGER.merge(withBoth, List.of(),
                List.of(route("r", "{\"steps\": [{\"provider\": \"up\", \"model\": \"m\"}]}")));

        assertThat(withBoth.routes()).containsKey("r");
        assertThat(withoutProvider.routes()).doesNotContainKey("r");
        assertThat(withoutProvider.providers()).doesNotContainKey("up");
        assertThat(withoutProvider.layers().skipped().get("routes.r"))
                .anyMatch(p -> p.contains("unknown provider 'up'"));
    }

    @Test
    void mergingAgainWithNothingStoredGivesTheFileConfigurationBack() {
        GatewayConfig base = file(Map.of());
        GatewayConfig merged = MERGER.merge(base, List.of(upstream("up")), List.of(route("r",
                "{\"aliases\": [\"r-latest\"], \"steps\": [{\"provider\": \"up\", \"model\": \"m\"}]}")));

        GatewayConfig again = MERGER.merge(merged, List.of(), List.of());

        assertThat(again.providers()).isEqualTo(base.providers());
        assertThat(again.routes()).isEqualTo(base.routes());
        assertThat(again.aliases()).isEqualTo(base.aliases());
        assertThat(again.layers()).isEqualTo(base.layers());
    }

    @Test
    void aStoredRouteFallingBackToARouteLeftOutIsLeftOutToo() {
        GatewayConfig merged = MERGER.merge(file(Map.of()), List.of(), List.of(
                route("a", "{\"steps\": [{\"provider\": \"mock\", \"model\": \"echo\"}], "
                        + "\"fallback\": {\"content_policy\": \"b\"}}"),
                route("b", "{\"steps\": [{\"provider\": \"gone\", \"model\": \"echo\"}]}")));

        assertThat(merged.routes()).doesNotContainKeys("a", "b");
        assertThat(merged.layers().skipped().get("routes.a")).anyMatch(p -> p.contains("unknown route 'b'"));
    }

    @Test
    void aStoredDeploymentCannotReuseAFileDeploymentIdWithOtherSettings() {
        GatewayConfig merged = MERGER.merge(file(Map.of()), List.of(), List.of(route("r",
                "{\"groups\": [{\"deployments\": [{\"provider\": \"filed\", \"model\": \"m\", \"weight\": 5}]}]}")));

        assertThat(merged.layers().skipped().get("routes.r")).anyMatch(p -> p.contains("deployment id 'filed/m'"));
    }
}
