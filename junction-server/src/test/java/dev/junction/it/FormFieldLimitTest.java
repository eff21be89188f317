package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.testkit.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The text fields of a multipart form (an image edit's or a transcription's {@code prompt}) are accepted well past
 * the multipart decoder's 8 KiB default, up to {@code server.max_form_field_size}; a longer one is a 400 in OpenAI's
 * shape naming the limit, never a 5xx or a cut connection, and nothing reaches the upstream.
 */
class FormFieldLimitTest {

    private static final String BOUNDARY = "f0rm-field-boundary";

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension("""
            server: {max_form_field_size: 64KB}
            routes:
              draw:
                groups: [{deployments: [{provider: openai, model: gpt-image-1, operations: [images]}]}]
              ears:
                groups: [{deployments: [{provider: openai, model: whisper-1, operations: [audio_transcription]}]}]
            """);

    private static String field(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String file(String name, String filename, String type, String bytes) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n" + bytes + "\r\n";
    }

    private static HttpResponse<String> post(String path, String form) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ENV.gateway().baseUrl() + path)).timeout(java.time.Duration.ofSeconds(20))
                    .header("authorization", "Bearer " + Gateway.KEY)
                    .header("content-type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofString(form + "--" + BOUNDARY + "--\r\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request to the gateway failed: " + e, e);
        }
    }

    private static String edit(String prompt) {
        return field("model", "draw") + field("prompt", prompt) + file("image", "a.png", "image/png", "png-bytes");
    }

    private static String transcription(String prompt) {
        return field("model", "ears") + field("prompt", prompt) + file("file", "a.mp3", "audio/mpeg", "mp3-bytes");
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.tryParse(response.body()).orElseThrow().path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asString()).contains("server.max_form_field_size");
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    @Test
    void anImageEditPromptPastEightKilobytesReachesTheUpstream() {
        String prompt = "a lighthouse at dusk, ".repeat(1_000); // 22 000 characters

        HttpResponse<String> response = post("/v1/images/edits", edit(prompt));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ENV.upstream().lastRequest().map(RecordedRequest::body).orElseThrow().contains(prompt)).isTrue();
    }

    @Test
    void aTranscriptionPromptPastEightKilobytesReachesTheUpstream() {
        String prompt = "Glossary: Junction, gateway, upstream. ".repeat(400); // 15 600 characters

        HttpResponse<String> response = post("/v1/audio/transcriptions", transcription(prompt));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ENV.upstream().requestCount()).isEqualTo(1);
    }

    @Test
    void anImageEditFieldOverTheLimitIsABadRequest() {
        assertRefused(post("/v1/images/edits", edit("x".repeat(70_000))));
    }

    @Test
    void aTranscriptionFieldOverTheLimitIsABadRequest() {
        assertRefused(post("/v1/audio/transcriptions", transcription("x".repeat(70_000))));
    }
}
