package dev.junction.dialect.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.secret.Secret;
import dev.junction.upstream.UpstreamResource.OpenAi;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AzureUrlsTest {

    private static final String RESOURCE = "https://contoso.openai.azure.com";
    private static final AzurePlatform DEPLOYMENTS = new AzurePlatform(AzurePlatform.Api.DEPLOYMENTS,
            AzurePlatform.DEFAULT_API_VERSION, Optional.empty());
    private static final AzurePlatform V1 = new AzurePlatform(AzurePlatform.Api.V1,
            AzurePlatform.DEFAULT_API_VERSION, Optional.empty());

    @Test
    void deploymentChatNamesTheDeploymentAndTheApiVersion() {
        assertThat(AzureUrls.of(RESOURCE, DEPLOYMENTS, OpenAi.CHAT, "gpt-4o-prod")).isEqualTo(
                RESOURCE + "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21");
    }

    @Test
    void deploymentEmbeddingsUseTheConfiguredApiVersion() {
        AzurePlatform preview = new AzurePlatform(AzurePlatform.Api.DEPLOYMENTS, "2025-04-01-preview",
                Optional.empty());

        assertThat(AzureUrls.of(RESOURCE, preview, OpenAi.EMBEDDINGS, "embed-small")).isEqualTo(
                RESOURCE + "/openai/deployments/embed-small/embeddings?api-version=2025-04-01-preview");
    }

    @Test
    void theV1ApiUsesOpenAiPathsWithoutAnApiVersion() {
        assertThat(AzureUrls.of(RESOURCE, V1, OpenAi.CHAT, "gpt-4o-prod"))
                .isEqualTo(RESOURCE + "/openai/v1/chat/completions");
        assertThat(AzureUrls.of(RESOURCE, V1, OpenAi.EMBEDDINGS, "embed-small"))
                .isEqualTo(RESOURCE + "/openai/v1/embeddings");
    }

    @Test
    void theResponsesApiIsAlwaysOnTheV1Api() {
        assertThat(AzureUrls.of(RESOURCE, DEPLOYMENTS, OpenAi.RESPONSES, "gpt-5"))
                .isEqualTo(RESOURCE + "/openai/v1/responses");
    }

    @Test
    void aBaseUrlEndingInOpenAiOrItsV1PathIsTheSameResource() {
        assertThat(AzureUrls.of(RESOURCE + "/openai/", DEPLOYMENTS, OpenAi.CHAT, "d"))
                .isEqualTo(RESOURCE + "/openai/deployments/d/chat/completions?api-version=2024-10-21");
        assertThat(AzureUrls.of(RESOURCE + "/openai/v1", V1, OpenAi.CHAT, "d"))
                .isEqualTo(RESOURCE + "/openai/v1/chat/completions");
    }

    @Test
    void aDeploymentNameIsPercentEncodedAsOnePathSegment() {
        assertThat(AzureUrls.of(RESOURCE, DEPLOYMENTS, OpenAi.CHAT, "my deployment/1"))
                .isEqualTo(RESOURCE + "/openai/deployments/my%20deployment%2F1/chat/completions"
                        + "?api-version=2024-10-21");
    }

    @Test
    void theTokenEndpointIsTheTenantsUnderTheAuthority() {
        EntraCredentials credentials = new EntraCredentials("contoso.onmicrosoft.com", "client",
                Secret.of("s3cret-value-0123456789"), "https://login.microsoftonline.com/");

        assertThat(credentials.tokenUrl())
                .isEqualTo("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
        assertThat(credentials.toString()).doesNotContain("s3cret-value-0123456789");
    }
}
