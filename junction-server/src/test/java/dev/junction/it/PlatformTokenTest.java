package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.config.ConfigLoader;
import dev.junction.provider.ProviderCatalog;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import dev.junction.testkit.TestServiceAccount;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud platforms' tokens (Microsoft Entra ID for Azure OpenAI, Google OAuth2 for Vertex AI) outlive a
 * configuration reload that keeps the credentials, and a token the upstream refuses (401) is forgotten: the same
 * deployment is tried once more with a freshly fetched token, and the client never sees the refusal.
 */
class PlatformTokenTest {

    private static final String SECRET = "entra-secret-0123456789";

    @TempDir
    Path temp;

    private MockUpstream upstream;
    private Gateway gateway;
    private String yaml;

    @BeforeEach
    void start() {
        upstream = MockUpstream.start();
        upstream.expectEntraClientSecret(SECRET);
        TestServiceAccount account = TestServiceAccount.create(upstream, temp);
        yaml = """
                keys: [{name: tests, key: %s}]
                providers:
                  azure-entra:
                    base_url: %s
                    platform: {type: azure, tenant_id: contoso, client_id: app, client_secret: %s, authority_url: %s}
                  gemini-vertex:
                    dialect: gemini
                    platform: {type: vertex, project: mock-project, location: europe-west1, credentials_file: '%s',
                               base_url: %s}
                routes:
                  azure: {steps: [{provider: azure-entra, model: gpt-4o-prod}]}
                  vertex: {steps: [{provider: gemini-vertex, model: gemini-2.5-flash}]}
                """.formatted(Gateway.KEY, upstream.azureBaseUrl(), SECRET, upstream.entraAuthorityUrl(),
                account.file(), upstream.rootUrl());
        gateway = Gateway.start(yaml, Map.of());
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private ChatCompletion ask(String route) {
        return gateway.sdk().chat().completions().create(ChatCompletionCreateParams.builder().model(route)
                .addUserMessage("Hello!").build());
    }

    private void reload() {
        gateway.server().reload(new ConfigLoader(ProviderCatalog.bundled(),
                Map.of("JUNCTION_SECRET_KEY", Gateway.SECRET_KEY)).loadYaml(yaml, "test.yaml"));
    }

    private static List<String> bearers(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.header("authorization").orElse("")).toList();
    }

    @Test
    void aReloadKeepsTheEntraTokenInsteadOfFetchingANewOne() {
        ask("azure");
        long fetched = upstream.entraTokenRequests();

        reload();
        ask("azure");

        assertThat(upstream.entraTokenRequests()).isEqualTo(fetched);
        assertThat(bearers(upstream.requests())).hasSize(2).doesNotContain("").containsOnly(
                bearers(upstream.requests()).getFirst());
    }

    @Test
    void aReloadKeepsTheVertexTokenInsteadOfFetchingANewOne() {
        ask("vertex");
        int issued = upstream.googleTokens().tokensIssued();

        reload();
        ask("vertex");

        assertThat(upstream.googleTokens().tokensIssued()).isEqualTo(issued);
    }

    private void reload(String configuration) {
        gateway.server().reload(new ConfigLoader(ProviderCatalog.bundled(),
                Map.of("JUNCTION_SECRET_KEY", Gateway.SECRET_KEY)).loadYaml(configuration, "test.yaml"));
    }

    /** The configuration without the Azure provider and its route. */
    private String withoutAzure() {
        String[] lines = yaml.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("  azure-entra:")) {
                i += 2; // its base_url and platform lines
                continue;
            }
            if (!lines[i].startsWith("  azure:")) {
                out.append(lines[i]).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void aReloadThatRemovesTheAzureProviderDropsItsEntraTokenWhileTheVertexOneIsKept() {
        ask("azure");
        ask("vertex");
        long fetched = upstream.entraTokenRequests();
        int issued = upstream.googleTokens().tokensIssued();

        reload(withoutAzure());
        reload();
        ask("azure");
        ask("vertex");

        assertThat(gateway.server().runtime().config().providers()).containsKey("azure-entra");
        assertThat(upstream.entraTokenRequests()).isEqualTo(fetched + 1);
        assertThat(upstream.googleTokens().tokensIssued()).isEqualTo(issued);
    }

    @Test
    void anEntraTokenAzureRefusesIsReplacedAndTheSameDeploymentAnswers() {
        ask("azure");
        long fetched = upstream.entraTokenRequests();
        upstream.revokeEntraTokens();
        upstream.reset();

        ChatCompletion completion = ask("azure");

        assertThat(completion.choices().getFirst().message().content()).isPresent();
        assertThat(upstream.entraTokenRequests()).isEqualTo(fetched + 1);
        List<String> sent = bearers(upstream.requests());
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).startsWith("Bearer ").isNotEqualTo(sent.get(0));
    }

    @Test
    void aVertexTokenGoogleRefusesIsReplacedAndTheSameDeploymentAnswers() {
        ask("vertex");
        int issued = upstream.googleTokens().tokensIssued();
        upstream.googleTokens().revokeAll();
        upstream.reset();

        ChatCompletion completion = ask("vertex");

        assertThat(completion.choices().getFirst().message().content()).isPresent();
        assertThat(upstream.googleTokens().tokensIssued()).isEqualTo(issued + 1);
        List<String> sent = bearers(upstream.requests());
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).startsWith("Bearer ").isNotEqualTo(sent.get(0));
    }

    @Test
    void aFreshTokenThatIsRefusedTooIsABadGatewayAfterOneRetry() {
        ask("vertex");
        upstream.reset();
        upstream.googleTokens().tokenLifetime(java.time.Duration.ZERO);
        upstream.googleTokens().revokeAll();

        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                "{\"model\":\"vertex\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(upstream.requests()).hasSize(2);
    }
}
