package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.provider.ProviderCatalog;
import dev.junction.provider.ProviderConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final ProviderCatalog CATALOG = ProviderCatalog.bundled();

    private static GatewayConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(CATALOG, env).loadYaml(yaml, "test.yaml");
    }

    private static ConfigException problems(String yaml, Map<String, String> env) {
        try {
            load(yaml, env);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    @Test
    void emptyEnvironmentGivesTheMockProviderOnly() {
        GatewayConfig config = new ConfigLoader(CATALOG, Map.of()).load(Optional.empty());

        assertThat(config.providers()).containsOnlyKeys("mock");
        assertThat(config.keys()).isEmpty();
        assertThat(config.server().port()).isEqualTo(8080);
    }

    @Test
    void providerApiKeyInTheEnvironmentEnablesItsPreset() {
        GatewayConfig config = new ConfigLoader(CATALOG, Map.of("GROQ_API_KEY", "gsk-123")).load(Optional.empty());

        ProviderConfig groq = config.providers().get("groq");
        assertThat(groq.baseUrl()).isEqualTo("https://api.groq.com/openai/v1");
        assertThat(groq.apiKey().orElseThrow().reveal()).isEqualTo("gsk-123");
    }

    @Test
    void baseUrlAloneEnablesAProviderAndOverridesItsUrl() {
        GatewayConfig config = new ConfigLoader(CATALOG, Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9999/v1/"))
                .load(Optional.empty());

        assertThat(config.providers().get("openai").baseUrl()).isEqualTo("http://127.0.0.1:9999/v1");
        assertThat(config.providers().get("openai").apiKey()).isEmpty();
    }

    @Test
    void masterKeyFromTheEnvironmentBecomesAGatewayKey() {
        GatewayConfig config = new ConfigLoader(CATALOG, Map.of("JUNCTION_MASTER_KEY", "jk-master-0123456789"))
                .load(Optional.empty());

        assertThat(config.keys()).extracting(GatewayKey::name).containsExactly("master");
    }

    @Test
    void variablesAreSubstitutedWithDefaults() {
        GatewayConfig config = load("""
                server: {port: "${PORT:-9090}", drain_timeout: 5s}
                keys: [{name: ci, key: "${CI_KEY}"}]
                """, Map.of("CI_KEY", "jk-ci-key-0123456789abc"));

        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.server().drainTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.keys().getFirst().key().reveal()).isEqualTo("jk-ci-key-0123456789abc");
    }

    @Test
    void escapedDollarIsKeptLiterally() {
        GatewayConfig config = load("""
                providers:
                  custom:
                    base_url: http://127.0.0.1:1/v1
                    headers: {X-Template: "$${NOT_A_VAR}"}
                """, Map.of());

        assertThat(config.providers().get("custom").headers()).containsEntry("X-Template", "${NOT_A_VAR}");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        ConfigException e = problems("""
                server: {port: 99999, colour: blue}
                keys: [{name: a, key: "${MISSING_ONE}"}]
                providers:
                  custom: {api_key: "${MISSING_TWO}"}
                routes:
                  general:
                    steps:
                      - {provider: nowhere, model: m}
                surprise: true
                """, Map.of());

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("server.port"))
                .anySatisfy(p -> assertThat(p).contains("server.colour: unknown key"))
                .anySatisfy(p -> assertThat(p).contains("${MISSING_ONE}"))
                .anySatisfy(p -> assertThat(p).contains("${MISSING_TWO}"))
                .anySatisfy(p -> assertThat(p).contains("providers.custom.base_url: required"))
                .anySatisfy(p -> assertThat(p).contains("routes.general.steps[0].provider: unknown provider"))
                .anySatisfy(p -> assertThat(p).contains("surprise: unknown key"));
        assertThat(e.getMessage()).startsWith("Invalid configuration in test.yaml");
    }

    @Test
    void unknownParameterRuleKeyIsAProblem() {
        ConfigException e = problems("""
                providers:
                  openai: {params: {remove: [seed]}}
                """, Map.of("OPENAI_API_KEY", "sk-x"));

        assertThat(e.problems()).containsExactly(
                "providers.openai.params.remove: unknown key (expected one of conflicts, defaults, drop, rename, set)");
    }

    @Test
    void yamlProviderForAPresetInheritsItsKeyFromTheEnvironment() {
        GatewayConfig config = load("""
                providers:
                  openai:
                    timeouts: {first_byte: 5s}
                """, Map.of("OPENAI_API_KEY", "sk-from-env"));

        ProviderConfig openai = config.providers().get("openai");
        assertThat(openai.apiKey().orElseThrow().reveal()).isEqualTo("sk-from-env");
        assertThat(openai.timeouts().firstByte()).isEqualTo(Duration.ofSeconds(5));
        assertThat(openai.baseUrl()).isEqualTo("https://api.openai.com/v1");
    }

    @Test
    void customCompatibleProviderIsDeclaredInYamlAlone() {
        GatewayConfig config = load("""
                providers:
                  my-vllm:
                    preset: vllm
                    base_url: http://10.0.0.5:8000/v1
                    models: [qwen2.5-7b]
                routes:
                  local:
                    steps: [{provider: my-vllm, model: qwen2.5-7b}]
                """, Map.of());

        assertThat(config.providers().get("my-vllm").models()).contains("qwen2.5-7b");
        assertThat(config.routes().get("local").deployments().getFirst().provider()).isEqualTo("my-vllm");
    }

    @Test
    void shortGatewayKeyIsRejected() {
        ConfigException e = problems("keys: [{name: weak, key: abc}]", Map.of());

        assertThat(e.problems()).singleElement().asString().contains("too short");
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertThatThrownBy(() -> load("server:\n  port: [1,\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line");
    }

    @Test
    void secretsDoNotAppearInTheConfigurationsTextForm() {
        GatewayConfig config = load("keys: [{name: k, key: jk-very-secret-value-123}]", Map.of());

        assertThat(config.toString()).doesNotContain("jk-very-secret-value-123");
    }

    @Test
    void trustedProxiesAreReadAsAddressesAndBlocks() {
        GatewayConfig config = load("""
                server:
                  trusted_proxies: [10.0.0.0/8, 192.0.2.1, "2001:db8::/32"]
                  forwarded_header: Forwarded
                """, Map.of());

        TrustedProxies proxies = config.server().trustedProxies();
        assertThat(proxies.entries()).containsExactly("10.0.0.0/8", "192.0.2.1", "2001:db8::/32");
        assertThat(proxies.header()).isEqualTo(TrustedProxies.Header.FORWARDED);
        assertThat(proxies.trusts("10.20.30.40")).isTrue();
        assertThat(proxies.trusts("192.0.2.2")).isFalse();
    }

    @Test
    void noProxyIsTrustedByDefault() {
        GatewayConfig config = load("server: {port: 9000}\n", Map.of());

        assertThat(config.server().trustedProxies()).isEqualTo(TrustedProxies.NONE);
        assertThat(config.server().trustedProxies().trusts("127.0.0.1")).isFalse();
    }

    @Test
    void aTrustedProxyThatIsNoAddressAndAnUnknownHeaderAreProblems() {
        ConfigException e = problems("""
                server:
                  trusted_proxies: [proxy.internal]
                  forwarded_header: x-real-ip
                """, Map.of());

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("server.trusted_proxies", "proxy.internal"))
                .anySatisfy(p -> assertThat(p).contains("server.forwarded_header", "x-real-ip"));
    }

    @Test
    void aProvidersCaBundleIsReadWhenTheConfigurationLoads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path ca = dev.junction.testkit.TestCertificate.create().writeCertificate(dir.resolve("ca.pem"));

        GatewayConfig config = load("""
                providers:
                  private: {base_url: "https://llm.internal/v1", tls: {ca_file: "%s"}}
                """.formatted(ca), Map.of());

        var bundle = config.providers().get("private").caBundle().orElseThrow();
        assertThat(bundle.file()).isEqualTo(ca.toString());
        assertThat(bundle.pem()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void aCaBundleThatCannotBeReadOrHoldsNoCertificateIsAProblem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path junk = java.nio.file.Files.writeString(dir.resolve("junk.pem"), "not a certificate");

        ConfigException e = problems("""
                providers:
                  a: {base_url: "https://a.internal/v1", tls: {ca_file: "%s"}}
                  b: {base_url: "https://b.internal/v1", tls: {ca_file: "%s", verify: false}}
                """.formatted(dir.resolve("missing.pem"), junk), Map.of());

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("providers.a.tls.ca_file", "cannot read"))
                .anySatisfy(p -> assertThat(p).contains("providers.b.tls.ca_file", "no PEM certificate"))
                .anySatisfy(p -> assertThat(p).contains("providers.b.tls.verify", "unknown key"));
    }

    @Test
    void aProviderIsServedDirectlyUnlessItsPlatformSaysOtherwise() {
        GatewayConfig config = load("""
                providers:
                  plain: {base_url: "https://a.internal/v1"}
                  spelled: {base_url: "https://b.internal/v1", platform: {type: direct}}
                """, Map.of());

        assertThat(config.providers().get("plain").platform()).isEqualTo(dev.junction.provider.Platform.DIRECT);
        assertThat(config.providers().get("spelled").platform().type()).isEqualTo("direct");
    }

    @Test
    void anUnknownPlatformOrOneWithoutATypeIsAProblem() {
        ConfigException e = problems("""
                providers:
                  a: {base_url: "https://a.internal/v1", platform: {type: mainframe}}
                  b: {base_url: "https://b.internal/v1", platform: {region: eu}}
                  c: {base_url: "https://c.internal/v1", platform: {type: direct, region: eu}}
                """, Map.of());

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("providers.a.platform.type", "mainframe"))
                .anySatisfy(p -> assertThat(p).contains("providers.b.platform.type", "required"))
                .anySatisfy(p -> assertThat(p).contains("providers.c.platform.region", "unknown key"));
    }

    @Test
    void anAzureProviderReadsItsApiVersionModeAndEntraApplication() {
        GatewayConfig config = load("""
                providers:
                  azure-eu:
                    base_url: https://contoso-eu.openai.azure.com
                    api_key: ${AZURE_OPENAI_API_KEY}
                    platform: {type: azure}
                  azure-us:
                    base_url: https://contoso-us.openai.azure.com
                    dialect: openai-responses
                    platform:
                      type: azure
                      api: v1
                      tenant_id: ${AZURE_TENANT_ID}
                      client_id: ${AZURE_CLIENT_ID}
                      client_secret: ${AZURE_CLIENT_SECRET}
                routes:
                  gpt-4o: {steps: [{provider: azure-eu, model: gpt-4o-prod}, {provider: azure-us, model: gpt-4o}]}
                """, Map.of("AZURE_OPENAI_API_KEY", "azure-key-0123456789abcdef", "AZURE_TENANT_ID", "contoso",
                "AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555",
                "AZURE_CLIENT_SECRET", "entra-secret-0123456789"));

        var eu = (dev.junction.dialect.azure.AzurePlatform) config.providers().get("azure-eu").platform();
        assertThat(eu.api()).isEqualTo(dev.junction.dialect.azure.AzurePlatform.Api.DEPLOYMENTS);
        assertThat(eu.apiVersion()).isEqualTo("2024-10-21");
        assertThat(eu.entra()).isEmpty();
        var us = (dev.junction.dialect.azure.AzurePlatform) config.providers().get("azure-us").platform();
        assertThat(us.api()).isEqualTo(dev.junction.dialect.azure.AzurePlatform.Api.V1);
        assertThat(us.entra()).hasValueSatisfying(entra -> {
            assertThat(entra.tenantId()).isEqualTo("contoso");
            assertThat(entra.clientSecret().reveal()).isEqualTo("entra-secret-0123456789");
            assertThat(entra.authorityUrl()).isEqualTo("https://login.microsoftonline.com");
        });
        assertThat(us.toString()).doesNotContain("entra-secret-0123456789");
    }

    @Test
    void anAzurePlatformWithBadSettingsIsAProblemForEachOfThem() {
        ConfigException e = problems("""
                providers:
                  a: {base_url: "https://a.openai.azure.com", platform: {type: azure, api: classic}}
                  b: {base_url: "https://b.openai.azure.com", platform: {type: azure, api_version: yesterday}}
                  c: {base_url: "https://c.openai.azure.com", platform: {type: azure, tenant_id: t, client_id: c}}
                  d: {base_url: "https://d.openai.azure.com", dialect: anthropic, platform: {type: azure}}
                  e: {base_url: "https://e.openai.azure.com", platform: {type: azure, authority_url: "https://x"}}
                  f: {base_url: "https://f.openai.azure.com", platform: {type: azure, region: eu}}
                """, Map.of());

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("providers.a.platform.api", "classic"))
                .anySatisfy(p -> assertThat(p).contains("providers.b.platform.api_version", "yesterday"))
                .anySatisfy(p -> assertThat(p).contains("providers.c.platform.client_secret", "required"))
                .anySatisfy(p -> assertThat(p).contains("providers.d.platform.type", "anthropic"))
                .anySatisfy(p -> assertThat(p).contains("providers.e.platform.authority_url", "Entra"))
                .anySatisfy(p -> assertThat(p).contains("providers.f.platform.region", "unknown key"));
    }

    @Test
    void theAzureExampleOfTheProvidersGuideIsAValidConfiguration() throws Exception {
        String guide = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "providers.md"));
        String section = guide.substring(guide.indexOf("## Azure OpenAI"));
        String yaml = section.substring(section.indexOf("```yaml") + 7, section.indexOf("```", section.indexOf("```yaml") + 7));

        GatewayConfig config = load(yaml, Map.of("AZURE_OPENAI_API_KEY", "azure-key-0123456789abcdef",
                "AZURE_TENANT_ID", "contoso", "AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555",
                "AZURE_CLIENT_SECRET", "entra-secret-0123456789"));

        assertThat(config.providers()).containsKeys("azure-eu", "azure-us", "azure-responses");
        assertThat(config.providers().get("azure-us").platform().type()).isEqualTo("azure");
        assertThat(config.routes()).containsKeys("gpt-4o", "gpt-4o-lenient", "embed", "gpt-5");
    }

    @Test
    void aStoredAzureDefinitionCannotHoldAnEntraClientSecret() {
        Problems problems = new Problems();
        var definition = tools.jackson.databind.json.JsonMapper.builder().build().readTree("""
                {"base_url": "https://a.openai.azure.com", "platform": {"type": "azure", "tenant_id": "t",
                 "client_id": "c", "client_secret": "entra-secret-0123456789"}}""");

        Optional<ProviderConfig> provider = new ConfigLoader(CATALOG, Map.of()).storedProvider("stored-azure",
                definition, Optional.empty(), dev.junction.provider.Timeouts.DEFAULTS, Map.of(), problems);

        assertThat(provider).isEmpty();
        assertThat(problems.list()).anySatisfy(p -> assertThat(p).contains("providers.stored-azure.platform"
                + ".client_secret", "configuration file"));
    }
}
