package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.dialect.azure.AzurePlatform;
import dev.junction.dialect.bedrock.BedrockPlatform;
import dev.junction.dialect.vertex.VertexPlatform;
import dev.junction.provider.ProviderCatalog;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import dev.junction.testkit.TestServiceAccount;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's cloud presets ({@code azure-openai}, {@code bedrock}, {@code bedrock-claude}, {@code vertex-gemini},
 * {@code vertex-claude}) carry their {@code platform:} block, so a provider block names only its region, project or
 * resource and its credentials; each is loaded from configuration and answers a request at the mock upstream.
 */
class PlatformPresetTest {

    private static final String AZURE_KEY = "azure-key-0123456789abcdef";

    @TempDir
    Path temp;

    private MockUpstream upstream;
    private Gateway gateway;

    @BeforeEach
    void start() {
        upstream = MockUpstream.start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private static GatewayConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(yaml, "test.yaml");
    }

    private ChatCompletion ask(String route) {
        return gateway.sdk().chat().completions().create(ChatCompletionCreateParams.builder().model(route)
                .addUserMessage("Hello!").build());
    }

    private RecordedRequest last() {
        return upstream.lastRequest().orElseThrow();
    }

    @Test
    void anAzurePresetTakesItsBaseUrlFromTheResourceAndItsKeyFromTheEnvironment() {
        GatewayConfig config = load("providers: {azure-openai: {platform: {resource: contoso-eu, api: v1}}}",
                Map.of("AZURE_OPENAI_API_KEY", AZURE_KEY));

        var provider = config.providers().get("azure-openai");
        assertThat(provider.baseUrl()).isEqualTo("https://contoso-eu.openai.azure.com");
        assertThat(provider.platform()).isInstanceOfSatisfying(AzurePlatform.class,
                p -> assertThat(p.api()).isEqualTo(AzurePlatform.Api.V1));
        assertThat(provider.apiKey().orElseThrow().reveal()).isEqualTo(AZURE_KEY);
    }

    @Test
    void anAzurePresetWithoutResourceOrBaseUrlIsAProblemNamingTheResource() {
        assertThatThrownBy(() -> load("providers: {azure-openai: {api_key: " + AZURE_KEY + "}}", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("providers.azure-openai.platform.resource")));
    }

    @Test
    void aPlatformPresetIsNotEnabledByTheEnvironmentAlone() {
        GatewayConfig config = load("keys: [{name: tests, key: " + Gateway.KEY + "}]",
                Map.of("AZURE_OPENAI_API_KEY", AZURE_KEY, "BEDROCK_BASE_URL", "http://127.0.0.1:1"));

        assertThat(config.providers()).doesNotContainKeys("azure-openai", "bedrock");
    }

    @Test
    void theAzurePresetCallsADeploymentWithTheApiKeyHeader() {
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers: {azure-openai: {base_url: %s, api_key: %s}}
                routes: {gpt: {steps: [{provider: azure-openai, model: gpt-4o-prod}]}}
                """.formatted(Gateway.KEY, upstream.azureBaseUrl(), AZURE_KEY), Map.of());

        assertThat(ask("gpt").choices()).isNotEmpty();
        assertThat(last().path()).isEqualTo("/openai/deployments/gpt-4o-prod/chat/completions?api-version="
                + AzurePlatform.DEFAULT_API_VERSION);
        assertThat(last().header("api-key")).contains(AZURE_KEY);
    }

    @Test
    void theBedrockPresetsSignConverseAndInvokeModelCallsForTheirRegion() {
        String credentials = "region: us-east-1, access_key_id: %s, secret_access_key: \"%s\"".formatted(
                MockUpstream.AWS_ACCESS_KEY_ID, MockUpstream.AWS_SECRET_ACCESS_KEY);
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers:
                  bedrock: {base_url: %s, platform: {%s}}
                  bedrock-claude: {base_url: %s, platform: {%s}}
                routes:
                  nova: {steps: [{provider: bedrock, model: "amazon.nova-lite-v1:0"}]}
                  claude: {steps: [{provider: bedrock-claude, model: "us.anthropic.claude-sonnet-4-20250514-v1:0"}]}
                """.formatted(Gateway.KEY, upstream.bedrockBaseUrl(), credentials, upstream.bedrockBaseUrl(),
                credentials), Map.of());

        assertThat(gateway.server().runtime().config().providers().get("bedrock").platform())
                .isInstanceOf(BedrockPlatform.class);
        assertThat(ask("nova").choices()).isNotEmpty();
        assertThat(last().path()).isEqualTo("/model/amazon.nova-lite-v1%3A0/converse");
        assertThat(last().header("authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("AWS4-HMAC"));
        assertThat(ask("claude").choices()).isNotEmpty();
        assertThat(last().path()).isEqualTo("/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/invoke");
    }

    @Test
    void theVertexPresetsNeedOnlyTheProjectTheCredentialsAndForClaudeTheRegion() {
        TestServiceAccount account = TestServiceAccount.create(upstream, temp);
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers:
                  vertex-gemini: {platform: {project: mock-project, credentials_file: '%s', base_url: %s}}
                  vertex-claude: {platform: {project: mock-project, location: us-east5, credentials_file: '%s',
                                  base_url: %s}}
                routes:
                  gemini: {steps: [{provider: vertex-gemini, model: gemini-2.5-flash}]}
                  claude: {steps: [{provider: vertex-claude, model: claude-sonnet-4-5@20250929}]}
                """.formatted(Gateway.KEY, account.file(), upstream.rootUrl(), account.file(), upstream.rootUrl()),
                Map.of());

        assertThat(gateway.server().runtime().config().providers().get("vertex-gemini").platform())
                .isInstanceOfSatisfying(VertexPlatform.class, p -> assertThat(p.location()).isEqualTo("global"));
        assertThat(ask("gemini").choices()).isNotEmpty();
        assertThat(last().path()).isEqualTo("/v1/projects/mock-project/locations/global/publishers/google/models/"
                + "gemini-2.5-flash:generateContent");
        assertThat(ask("claude").choices()).isNotEmpty();
        assertThat(last().path()).isEqualTo("/v1/projects/mock-project/locations/us-east5/publishers/anthropic/"
                + "models/claude-sonnet-4-5@20250929:rawPredict");
    }
}
