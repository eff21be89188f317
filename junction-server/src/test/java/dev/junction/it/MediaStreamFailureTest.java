package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.StreamResponse;
import com.openai.models.images.ImageGenStreamEvent;
import com.openai.models.images.ImageGenerateParams;
import dev.junction.budget.BudgetPeriod;
import dev.junction.json.Json;
import dev.junction.limit.RateLimits;
import dev.junction.store.TestDatabases;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * A streamed image generation (partial images) or a streamed transcription (transcript events) whose upstream stream
 * breaks after it started, by a cut connection or an error event of its own: the client's stream ends with one
 * OpenAI {@code error} event (the upstream's own error event never passed on), which the OpenAI SDK raises; the
 * request log records the failure; the budget settles (nothing left reserved) and the concurrency slot is free.
 */
class MediaStreamFailureTest {

    /** How the upstream's stream breaks after two events. */
    enum Fault {
        CUT, ERROR_EVENT;

        Behavior behavior() {
            return this == CUT ? Behavior.ok().cutAfterEvents(2) : Behavior.ok().errorAfterEvents(2);
        }
    }

    private static MockUpstream upstream;
    private static TestDatabases.Fresh database;
    private static Gateway gateway;
    private static Provision provision;
    private Provision.IssuedKey key;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        database = Backend.SQLITE.createDatabase();
        Map<String, String> env = new HashMap<>(Backend.SQLITE.environment(database));
        env.put("OPENAI_BASE_URL", upstream.baseUrl());
        env.put("OPENAI_API_KEY", "sk-upstream-openai-0123456789");
        gateway = Gateway.start("""
                auth: {required: true}
                routes:
                  ears:
                    groups:
                      - deployments: [{provider: openai, model: gpt-4o-transcribe, operations: [audio_transcription]}]
                """, env);
        provision = new Provision(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        database.close();
    }

    @BeforeEach
    void freshKey() {
        upstream.reset();
        key = provision.key(new RateLimits(OptionalLong.empty(), OptionalLong.empty(), OptionalInt.of(1)), List.of());
        provision.budget(key, 10.0, BudgetPeriod.MONTHLY);
    }

    private HttpResponse<String> streamImage() {
        return gateway.post("/v1/images/generations", """
                {"model":"openai/gpt-image-1","prompt":"a kite","stream":true,"partial_images":2}""",
                "authorization", "Bearer " + key.plaintext());
    }

    private HttpResponse<String> streamTranscript() throws Exception {
        String boundary = "fault-boundary";
        byte[] file = new byte[64_000];
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nears\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"stream\"\r\n\r\ntrue\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n").getBytes();
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                        + "/v1/audio/transcriptions")).timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + key.plaintext())
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The stream ends with exactly one OpenAI error event, after the events that came before the fault. */
    private static void endsWithOneErrorEvent(HttpResponse<String> response, String finishedEvent) {
        assertThat(response.statusCode()).isEqualTo(200);
        SseFrames frames = SseFrames.parse(response.body());
        assertThat(frames.frames()).filteredOn(f -> f.event().filter("error"::equals).isPresent()).hasSize(1);
        SseFrames.Frame last = frames.last();
        assertThat(last.event()).contains("error");
        JsonNode error = last.json();
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("error").path("message").asString()).contains("upstream");
        assertThat(error.path("error").path("type").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain(finishedEvent);
        assertThat(frames.frames().size()).as("the two events before the fault, then the error").isEqualTo(3);
    }

    private static JsonNode logLine(HttpResponse<String> response) {
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        String line = gateway.awaitLog(id).lines().filter(l -> l.contains("\"request_id\":\"" + id + "\""))
                .findFirst().orElseThrow();
        return Json.MAPPER.readTree(line);
    }

    /** Polls {@code /v1/me} until the key's budget holds no reservation (settling is asynchronous). */
    private JsonNode awaitSettled() {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode budget = null;
        while (System.nanoTime() < deadline) {
            budget = Json.tryParse(gateway.get("/v1/me", "authorization", "Bearer " + key.plaintext()).body())
                    .orElseThrow().path("budgets").path(0);
            if (budget.has("reserved_usd") && budget.path("reserved_usd").asDouble() == 0) {
                return budget;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("the budget never settled: " + budget);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBrokenImageStreamEndsWithOneErrorEventAndIsLoggedAsFailed(Fault fault) {
        upstream.enqueue(fault.behavior());

        HttpResponse<String> response = streamImage();

        endsWithOneErrorEvent(response, "image_generation.completed");
        assertThat(SseFrames.parse(response.body()).events().subList(0, 2))
                .containsOnly("image_generation.partial_image");
        JsonNode line = logLine(response);
        assertThat(line.path("error_type").asString()).isNotBlank();
        assertThat(line.path("stream").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBrokenTranscriptStreamEndsWithOneErrorEventAndIsLoggedAsFailed(Fault fault) throws Exception {
        upstream.enqueue(fault.behavior());

        HttpResponse<String> response = streamTranscript();

        endsWithOneErrorEvent(response, "transcript.text.done");
        assertThat(SseFrames.parse(response.body()).frames().getFirst().json().path("type").asString())
                .isEqualTo("transcript.text.delta");
        assertThat(logLine(response).path("error_type").asString()).isNotBlank();
    }

    @Test
    void theOpenAiSdkRaisesTheErrorOfABrokenImageStream() {
        upstream.enqueue(Fault.ERROR_EVENT.behavior());
        var sdk = com.openai.client.okhttp.OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl() + "/v1")
                .apiKey(key.plaintext()).maxRetries(0).build();

        assertThatThrownBy(() -> {
            try (StreamResponse<ImageGenStreamEvent> stream = sdk.images().generateStreaming(ImageGenerateParams
                    .builder().model("openai/gpt-image-1").prompt("a kite").partialImages(2).build())) {
                stream.stream().forEach(event -> { });
            }
        }).hasMessageContaining("The upstream stream failed");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBrokenStreamSettlesItsBudgetAndFreesItsConcurrencySlot(Fault fault) throws Exception {
        upstream.enqueue(fault.behavior());
        upstream.enqueue(fault.behavior());
        streamImage();
        streamTranscript();

        JsonNode budget = awaitSettled();

        assertThat(budget.path("spent_usd").asDouble()).as("no image was completed, no transcript reported usage")
                .isZero();
        assertThat(streamImage().statusCode()).as("the single concurrency slot was given back").isEqualTo(200);
    }
}
