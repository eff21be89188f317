package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.images.ImageCreateVariationParams;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI Images API through the gateway with the official OpenAI Java SDK: OpenAI's generations, edits and
 * variations, Gemini image output and Imagen answered in OpenAI's shape, a chat-only pool member skipped, failover
 * between two image providers, and the images priced per image in the request log.
 */
class ImagesTest {

    private static MockUpstream upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                routes:
                  image-default:
                    groups:
                      - deployments:
                          - {id: chat-only, provider: openai, model: gpt-4o-mini}
                          - {id: dalle, provider: openai, model: dall-e-3, operations: [images]}
                  image-failover:
                    groups:
                      - deployments: [{id: first, provider: openai, model: dall-e-3, operations: [images]}]
                      - deployments: [{id: second, provider: gemini, model: imagen-4.0-generate-001, operations: [images]}]
                  chat-pool:
                    groups:
                      - deployments: [{provider: openai, model: gpt-4o-mini}]
                """.formatted(Gateway.KEY), Map.of("OPENAI_BASE_URL", upstream.baseUrl(), "OPENAI_API_KEY",
                "sk-upstream-openai-0123456789", "GEMINI_BASE_URL", upstream.geminiBaseUrl(), "GEMINI_API_KEY",
                "AIza-upstream-0123456789"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
        gateway.server().health().resetAll();
    }

    private static OpenAIClient sdk() {
        return gateway.sdk();
    }

    private static String b64(String model, String prompt, int index) {
        return Base64.getEncoder().encodeToString(("mock-png:" + model + ":" + index + ":" + prompt)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A file to upload, as a client names it (the SDK sends a path's file name). */
    private static java.nio.file.Path file(String name, byte[] bytes) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("junction-images");
        dir.toFile().deleteOnExit();
        java.nio.file.Path path = java.nio.file.Files.write(dir.resolve(name), bytes);
        path.toFile().deleteOnExit();
        return path;
    }

    private static RecordedRequest last() {
        return upstream.lastRequest().orElseThrow();
    }

    @Test
    void generatedImagesArriveAsBase64WithTheirTokens() {
        ImagesResponse response = sdk().images().generate(ImageGenerateParams.builder().model("openai/gpt-image-1")
                .prompt("a lighthouse at dawn").n(2).size(ImageGenerateParams.Size._1024X1024)
                .quality(ImageGenerateParams.Quality.LOW).build());

        assertThat(response.data().orElseThrow()).extracting(i -> i.b64Json().orElseThrow())
                .containsExactly(b64("gpt-image-1", "a lighthouse at dawn", 0),
                        b64("gpt-image-1", "a lighthouse at dawn", 1));
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(200);
        assertThat(last().path()).isEqualTo("/v1/images/generations");
        assertThat(last().json().path("quality").asString()).isEqualTo("low");
    }

    @Test
    void aUrlRequestToDallEIsAnsweredWithTheUpstreamsUrls() {
        ImagesResponse response = sdk().images().generate(ImageGenerateParams.builder().model("openai/dall-e-3")
                .prompt("a red fox").responseFormat(ImageGenerateParams.ResponseFormat.URL).build());

        assertThat(response.data().orElseThrow().getFirst().url()).contains("https://mock.images/0.png");
        assertThat(last().json().path("response_format").asString()).isEqualTo("url");
    }

    @Test
    void anEditUploadsTheImageAndTheMaskIntact() throws Exception {
        byte[] image = new byte[300_000];
        byte[] mask = new byte[70_000];
        new java.util.Random(15).nextBytes(image);
        new java.util.Random(16).nextBytes(mask);

        ImagesResponse response = sdk().images().edit(ImageEditParams.builder().model("openai/gpt-image-1")
                .prompt("add a boat").image(file("scene.png", image)).mask(file("mask.png", mask)).build());

        String received = response.data().orElseThrow().getFirst().revisedPrompt().orElseThrow();
        assertThat(received).contains("image:scene.png:" + image.length + ":" + sha256(image))
                .contains("mask:mask.png:" + mask.length + ":" + sha256(mask));
        assertThat(last().path()).isEqualTo("/v1/images/edits");
    }

    @Test
    void aUrlRequestToGptImageGetsDataUrlsAndSendsNoResponseFormat() {
        ImagesResponse response = sdk().images().generate(ImageGenerateParams.builder().model("openai/gpt-image-1")
                .prompt("a fern").responseFormat(ImageGenerateParams.ResponseFormat.URL).build());

        assertThat(response.data().orElseThrow().getFirst().url())
                .contains("data:image/png;base64," + b64("gpt-image-1", "a fern", 0));
        assertThat(last().json().has("response_format")).isFalse();
    }

    @Test
    void aVariationUploadsItsImage() throws Exception {
        byte[] image = "not really a png".getBytes(StandardCharsets.UTF_8);

        ImagesResponse response = sdk().images().createVariation(ImageCreateVariationParams.builder()
                .model("openai/dall-e-2").image(file("source.png", image)).n(1).build());

        assertThat(response.data().orElseThrow().getFirst().revisedPrompt().orElseThrow())
                .contains(":" + image.length + ":" + sha256(image));
        assertThat(last().path()).isEqualTo("/v1/images/variations");
    }

    @Test
    void geminiImageOutputIsAnsweredInOpenAisShape() {
        ImagesResponse response = sdk().images().generate(ImageGenerateParams.builder()
                .model("gemini/gemini-2.5-flash-image").prompt("a teapot").build());

        assertThat(response.data().orElseThrow().getFirst().b64Json())
                .contains(b64("gemini-2.5-flash-image", "a teapot", 0));
        assertThat(last().path()).isEqualTo("/v1beta/models/gemini-2.5-flash-image:generateContent");
        assertThat(last().json().path("generationConfig").path("responseModalities").path(0).asString())
                .isEqualTo("IMAGE");
    }

    @Test
    void imagenIsAskedThroughPredictAndAUrlRequestGetsADataUrl() {
        ImagesResponse response = sdk().images().generate(ImageGenerateParams.builder()
                .model("gemini/imagen-4.0-generate-001").prompt("a map").n(2)
                .size(ImageGenerateParams.Size._1536X1024)
                .responseFormat(ImageGenerateParams.ResponseFormat.URL).build());

        assertThat(response.data().orElseThrow()).extracting(i -> i.url().orElseThrow()).containsExactly(
                "data:image/png;base64," + b64("imagen-4.0-generate-001", "a map", 0),
                "data:image/png;base64," + b64("imagen-4.0-generate-001", "a map", 1));
        assertThat(last().path()).isEqualTo("/v1beta/models/imagen-4.0-generate-001:predict");
        JsonNode parameters = last().json().path("parameters");
        assertThat(parameters.path("sampleCount").asInt()).isEqualTo(2);
        assertThat(parameters.path("aspectRatio").asString()).isEqualTo("3:2");
    }

    @Test
    void aChatOnlyDeploymentInThePoolIsSkippedForImages() {
        for (int i = 0; i < 4; i++) {
            var answer = gateway.post("/v1/images/generations", """
                    {"model":"image-default","prompt":"a cat"}""", "authorization", "Bearer " + Gateway.KEY);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("x-junction-deployment")).contains("dalle");
        }
        assertThat(upstream.requests()).extracting(RecordedRequest::path).containsOnly("/v1/images/generations");
    }

    @Test
    void whenTheFirstImageProviderFailsTheSecondAnswers() {
        upstream.enqueue(Behavior.status(503));

        var answer = gateway.post("/v1/images/generations", """
                {"model":"image-failover","prompt":"a bridge"}""", "authorization", "Bearer " + Gateway.KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-junction-deployment")).contains("second");
        assertThat(Json.tryParse(answer.body()).orElseThrow().path("data").path(0).path("b64_json").asString())
                .isEqualTo(b64("imagen-4.0-generate-001", "a bridge", 0));
        assertThat(upstream.requests()).extracting(RecordedRequest::path)
                .contains("/v1/images/generations", "/v1beta/models/imagen-4.0-generate-001:predict");
    }

    @Test
    void aPoolOfChatModelsIsABadRequestForImagesAndNothingIsSent() {
        var answer = gateway.post("/v1/images/generations", """
                {"model":"chat-pool","prompt":"a cat"}""", "authorization", "Bearer " + Gateway.KEY);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("does not serve images");
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void anUnknownParameterIsAClearBadRequest() {
        assertThatThrownBy(() -> sdk().images().generate(ImageGenerateParams.builder().model("openai/dall-e-3")
                .prompt("x").putAdditionalBodyProperty("colour", com.openai.core.JsonValue.from("red")).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("colour"));
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void aStreamedGenerationRelaysTheUpstreamsPartialImages() {
        var answer = gateway.post("/v1/images/generations", """
                {"model":"openai/gpt-image-1","prompt":"a kite","stream":true,"partial_images":2}""",
                "authorization", "Bearer " + Gateway.KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> types = answer.body().lines().filter(l -> l.startsWith("data: "))
                .map(l -> Json.tryParse(l.substring(6)).orElseThrow().path("type").asString()).toList();
        assertThat(types).containsExactly("image_generation.partial_image", "image_generation.partial_image",
                "image_generation.completed");
    }
}
