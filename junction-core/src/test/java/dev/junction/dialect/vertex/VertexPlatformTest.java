package dev.junction.dialect.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.secret.Secret;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VertexPlatformTest {

    private static final VertexCredentials ADC = new VertexCredentials.ApplicationDefault();

    private static VertexPlatform at(String location) {
        return new VertexPlatform("my-project", location, ADC, Optional.empty());
    }

    @Test
    void theGlobalLocationUsesTheGlobalEndpoint() {
        assertThat(VertexGeminiEndpoint.url(at("global"), "gemini-2.5-flash", false)).isEqualTo(
                "https://aiplatform.googleapis.com/v1/projects/my-project/locations/global/publishers/google/models/"
                        + "gemini-2.5-flash:generateContent");
    }

    @Test
    void aRegionUsesItsRegionalEndpoint() {
        assertThat(VertexGeminiEndpoint.url(at("us-central1"), "gemini-2.5-pro", true)).isEqualTo(
                "https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/locations/us-central1/"
                        + "publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
    }

    @Test
    void claudeIsServedByTheAnthropicPublisherThroughRawPredict() {
        assertThat(VertexAnthropicEndpoint.url(at("europe-west1"), "claude-sonnet-4-5@20250929", false)).isEqualTo(
                "https://europe-west1-aiplatform.googleapis.com/v1/projects/my-project/locations/europe-west1/"
                        + "publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict");
        assertThat(VertexAnthropicEndpoint.url(at("global"), "claude-opus-4-5", true))
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
