package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.junction.json.Json;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import dev.junction.testkit.TestServiceAccount;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI Images API reaching the clouds with the official OpenAI Java SDK: an Azure OpenAI deployment (its
 * deployment URL with the {@code api-key}, and the v1 API), Imagen through Vertex AI's {@code :predict} and Gemini
 * image output through Vertex AI's {@code :generateContent} under a Google token; each priced per image. The
 * deployments of the {@code azure-openai} and {@code vertex-gemini} presets serve images for the catalog's image
 * models without listing the operation.
 */
class CloudImagesTest {

    private static final String KEY = "azure-key-0123456789abcdef";

    @TempDir
    static Path temp;

    private static MockUpstream upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        TestServiceAccount account = TestServiceAccount.create(upstream, temp);
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers:
                  azure-images: {base_url: %s, api_key: %s, platform: {type: azure, api_version: 2025-04-01-preview}}
                  azure-images-v1: {preset: azure-openai, base_url: %s, api_key: %s, platform: {api: v1}}
                  vertex:
                    preset: vertex-gemini
                    platform: {project: mock-project, location: us-central1, credentials_file: '%s', base_url: %s}
                routes:
                  azure-image:
                    groups:
                      - deployments:
                          - provider: azure-images
                            model: image-prod
                            operations: [images]
                            price: {input: 0, output: 0, per_image: 0.04}
                  azure-image-v1: {groups: [{deployments: [{provider: azure-images-v1, model: gpt-image-1}]}]}
                  imagen: {groups: [{deployments: [{provider: vertex, model: imagen-4.0-generate-001}]}]}
                  vertex-flash-image: {groups: [{deployments: [{provider: vertex, model: gemini-2.5-flash-image}]}]}
                """.formatted(Gateway.KEY, upstream.azureBaseUrl(), KEY, upstream.azureBaseUrl(), KEY,
                account.file(), upstream.rootUrl()), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
    }

    private static String b64(String model, String prompt, int index) {
        return Base64.getEncoder().encodeToString(("mock-png:" + model + ":" + index + ":" + prompt)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static RecordedRequest last() {
        return upstream.lastRequest().orElseThrow();
    }

    private static ImagesResponse generate(String model, String prompt, long n) {
        return gateway.sdk().images().generate(ImageGenerateParams.builder().model(model).prompt(prompt).n(n)
                .build());
    }

    /** The request-log line of a generation sent over plain HTTP. */
    private static String loggedGeneration(String model, int n) {
        HttpResponse<String> answer = gateway.post("/v1/images/generations",
                "{\"model\":\"" + model + "\",\"prompt\":\"a harbour\",\"n\":" + n + "}",
                "authorization", "Bearer " + Gateway.KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String id = answer.headers().firstValue("x-request-id").orElseThrow();
        return gateway.awaitLog(id).lines().filter(l -> l.contains(id) && l.contains("cost_usd")).findFirst()
                .orElseThrow();
    }

    @Test
    void anAzureDeploymentMakesImagesAtItsDeploymentUrlWithTheApiKey() {
        ImagesResponse response = generate("azure-image", "a lighthouse at dawn", 2);

        assertThat(response.data().orElseThrow()).extracting(i -> i.b64Json().orElseThrow())
                .containsExactly(b64("image-prod", "a lighthouse at dawn", 0), b64("image-prod", "a lighthouse at dawn",
                        1));
        assertThat(last().path()).isEqualTo("/openai/deployments/image-prod/images/generations"
                + "?api-version=2025-04-01-preview");
        assertThat(last().header("api-key")).contains(KEY);
        assertThat(last().header("authorization")).isEmpty();
    }

    @Test
    void azuresV1ApiNamesTheDeploymentInTheBody() {
        ImagesResponse response = generate("azure-image-v1", "a red fox", 1);

        assertThat(response.data().orElseThrow().getFirst().b64Json()).contains(b64("gpt-image-1", "a red fox", 0));
        assertThat(last().path()).isEqualTo("/openai/v1/images/generations");
        assertThat(last().json().path("model").asString()).isEqualTo("gpt-image-1");
    }

    @Test
    void anAzureEditUploadsTheImageToTheDeployment() throws Exception {
        byte[] image = new byte[40_000];
        new java.util.Random(7).nextBytes(image);
        Path file = Files.write(Files.createTempDirectory(temp, "edit").resolve("scene.png"), image);

        ImagesResponse response = gateway.sdk().images().edit(ImageEditParams.builder().model("azure-image")
                .prompt("add a boat").image(file).build());

        assertThat(response.data().orElseThrow().getFirst().revisedPrompt().orElseThrow())
                .contains("image:scene.png:" + image.length);
        assertThat(last().path()).startsWith("/openai/deployments/image-prod/images/edits?api-version=");
    }

    @Test
    void anAzureDeploymentsImagesArePricedPerImage() {
        assertThat(loggedGeneration("azure-image", 3)).contains("\"cost_usd\":0.12");
    }

    @Test
    void imagenOnVertexIsAskedThroughPredictWithAGoogleToken() {
        ImagesResponse response = generate("imagen", "a map", 2);

        assertThat(response.data().orElseThrow()).extracting(i -> i.b64Json().orElseThrow())
                .containsExactly(b64("imagen-4.0-generate-001", "a map", 0), b64("imagen-4.0-generate-001", "a map",
                        1));
        assertThat(last().path()).isEqualTo("/v1/projects/mock-project/locations/us-central1/publishers/google/"
                + "models/imagen-4.0-generate-001:predict");
        assertThat(last().header("authorization").orElseThrow()).startsWith("Bearer ");
        assertThat(last().json().path("parameters").path("sampleCount").asInt()).isEqualTo(2);
    }

    @Test
    void imagenOnVertexIsPricedPerImageFromTheBundledPrices() {
        assertThat(loggedGeneration("imagen", 2)).contains("\"cost_usd\":0.08");
    }

    @Test
    void geminiImageOutputOnVertexGoesThroughGenerateContent() {
        ImagesResponse response = generate("vertex-flash-image", "a kite", 1);

        assertThat(response.data().orElseThrow().getFirst().b64Json()).isPresent();
        assertThat(last().path()).isEqualTo("/v1/projects/mock-project/locations/us-central1/publishers/google/"
                + "models/gemini-2.5-flash-image:generateContent");
        JsonNode modalities = last().json().path("generationConfig").path("responseModalities");
        assertThat(Json.bytes(modalities)).asString(StandardCharsets.UTF_8).contains("IMAGE");
    }
}
