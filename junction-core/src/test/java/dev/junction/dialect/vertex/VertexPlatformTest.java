package dev.junction.dialect.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.secret.Secret;
import dev.junction.upstream.UpstreamResource;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VertexPlatformTest {

    private static final VertexCredentials ADC = new VertexCredentials.ApplicationDefault();

    private static VertexPlatform at(String location) {
        return new VertexPlatform("my-project", location, ADC, Optional.empty());
    }

    @Test
    void theGlobalLocationUsesTheGlobalEndpoint() {
        assertThat(VertexEndpoint.url(at("global"), UpstreamResource.ModelMethod.generateContent(false),
                "gemini-2.5-flash").orElseThrow()).isEqualTo(
                "https://aiplatform.googleapis.com/v1/projects/my-project/locations/global/publishers/google/models/"
                        + "gemini-2.5-flash:generateContent");
    }

    @Test
    void aRegionUsesItsRegionalEndpoint() {
        assertThat(VertexEndpoint.url(at("us-central1"), UpstreamResource.ModelMethod.generateContent(true),
                "gemini-2.5-pro").orElseThrow()).isEqualTo(
                "https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/locations/us-central1/"
                        + "publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
    }

    @Test
    void claudeIsServedByTheAnthropicPublisherThroughRawPredict() {
        assertThat(VertexEndpoint.url(at("europe-west1"), new UpstreamResource.AnthropicMessages(false),
                "claude-sonnet-4-5@20250929").orElseThrow()).isEqualTo(
                "https://europe-west1-aiplatform.googleapis.com/v1/projects/my-project/locations/europe-west1/"
                        + "publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict");
        assertThat(VertexEndpoint.url(at("global"), new UpstreamResource.AnthropicMessages(true),
                "claude-opus-4-5").orElseThrow())
                .endsWith("/publishers/anthropic/models/claude-opus-4-5:streamRawPredict");
    }

    @Test
    void aBaseUrlReplacesTheLocationsEndpoint() {
        VertexPlatform platform = new VertexPlatform("my-project", "us-east5", ADC,
                Optional.of("http://127.0.0.1:8080/"));

        assertThat(platform.modelUrl("google", "text-embedding-005", "predict")).isEqualTo(
                "http://127.0.0.1:8080/v1/projects/my-project/locations/us-east5/publishers/google/models/"
                        + "text-embedding-005:predict");
    }

    @Test
    void aModelNameCannotAddPathSegmentsOrAMethod() {
        assertThat(at("global").modelUrl("google", "../x:predict?alt=1", "generateContent"))
                .endsWith("/publishers/google/models/..%2Fx%3Apredict%3Falt%3D1:generateContent");
        assertThat(at("global").modelUrl("google", "models/gemini-2.5-flash", "generateContent"))
                .endsWith("/models/gemini-2.5-flash:generateContent");
    }

    @Test
    void projectAndLocationMustBeWellFormed() {
        assertThatThrownBy(() -> new VertexPlatform("My Project", "global", ADC, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("project");
        assertThatThrownBy(() -> new VertexPlatform("my-project", "us-central1/../x", ADC, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("location");
    }

    @Test
    void anInlineKeyIsASecretTheRedactorLearnsAndToStringHides() {
        VertexPlatform platform = new VertexPlatform("my-project", "global",
                new VertexCredentials.ServiceAccountJson(Secret.of("{\"private_key\":\"k\"}")), Optional.empty());

        assertThat(platform.secrets()).containsExactly(Secret.of("{\"private_key\":\"k\"}"));
        assertThat(platform.toString()).doesNotContain("private_key");
        assertThat(at("global").secrets()).isEmpty();
    }
}
