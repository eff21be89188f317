package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.Transcription;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionStreamEvent;
import com.openai.models.audio.transcriptions.TranscriptionVerbose;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockAudio;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.ReceivedAudio;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Transcriptions through Gemini's audio understanding with the official OpenAI SDK: the file goes inline to
 * {@code generateContent} and arrives intact, the answer comes back in every OpenAI format, usage and cost come from
 * Gemini's audio tokens, the catalog makes a Gemini model transcribe and chat without listing operations, and one
 * route fails over between Whisper and Gemini both ways.
 */
class GeminiTranscriptionTest {

    private static final int SIZE = 300_000;

    private static MockUpstream upstream;
    private static Gateway gateway;

    @TempDir
    static Path dir;
    private static Path clip;
    private static String clipSha;

    @BeforeAll
    static void start() throws Exception {
        upstream = MockUpstream.start();
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                routes:
                  ears-gemini:
                    groups:
                      - deployments: [{provider: gemini, model: gemini-2.5-flash}]
                  whisper-then-gemini:
                    groups:
                      - deployments: [{provider: openai, model: whisper-1, operations: [audio_transcription]}]
                      - deployments: [{provider: gemini, model: gemini-2.5-flash}]
                  gemini-then-whisper:
                    groups:
                      - deployments: [{provider: gemini, model: gemini-2.5-flash}]
                      - deployments: [{provider: openai, model: whisper-1, operations: [audio_transcription]}]
                """.formatted(Gateway.KEY), Map.of("OPENAI_BASE_URL", upstream.baseUrl(), "OPENAI_API_KEY",
                "sk-upstream-openai-0123456789", "GEMINI_BASE_URL", upstream.geminiBaseUrl(), "GEMINI_API_KEY",
                "AIza-upstream-0123456789"));
        byte[] bytes = new byte[SIZE];
        new Random(11).nextBytes(bytes);
        clip = dir.resolve("standup.mp3");
        Files.write(clip, bytes);
        clipSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
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

    private static TranscriptionCreateParams.Builder transcribe(String model) {
        return TranscriptionCreateParams.builder().file(clip).model(model);
    }

    private static long audioTokens() {
        return (long) Math.ceil(MockAudio.duration(SIZE)) * 32;
    }

    @Test
    void theFileGoesInlineToGenerateContentAndTheTranscriptComesBackWithItsAudioTokens() {
        Transcription text = gateway.sdk().audio().transcriptions().create(transcribe("ears-gemini").language("en")
                .build()).asTranscription();

        assertThat(text.text()).isEqualTo(MockAudio.transcript(SIZE, clipSha));
        ReceivedAudio received = upstream.receivedAudio().getFirst();
        assertThat(received.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(received.sha256()).isEqualTo(clipSha);
        assertThat(received.contentType()).isIn("audio/mpeg", "audio/mp3");
        var usage = text.usage().orElseThrow().asTokens();
        assertThat(usage.inputTokenDetails().orElseThrow().audioTokens()).contains(audioTokens());
        assertThat(usage.inputTokens()).isGreaterThan(audioTokens());
        JsonNode sent = upstream.lastRequest().orElseThrow().json();
        assertThat(sent.path("contents").path(0).path("parts").path(0).path("text").asString())
                .contains("Transcribe").contains("'en'");
        assertThat(upstream.lastRequest().orElseThrow().headers().get("x-goog-api-key"))
                .containsExactly("AIza-upstream-0123456789");
    }

    @Test
    void theAudioTokensArePricedAsTheirOwnUnitInTheRequestLog() throws Exception {
        HttpResponse<String> response = postForm("ears-gemini", "text");
        String id = response.headers().firstValue("x-request-id").orElseThrow();

        String line = gateway.awaitLog(id).lines().filter(l -> l.contains(id) && l.contains("units"))
                .findFirst().orElseThrow();
        assertThat(line).contains("audio_token=" + (double) audioTokens()).doesNotContain("audio_second");
        double cost = Json.tryParse(line).orElseThrow().path("cost_usd").asDouble();
        assertThat(cost).as("%d audio tokens at gemini-2.5-flash's $1.00 per 1M, besides its text tokens",
                audioTokens()).isGreaterThan(audioTokens() * 1.0e-6);
    }

    @Test
    void verboseJsonSrtAndVttAreMadeFromTheSegmentsGeminiTimed() throws Exception {
        TranscriptionVerbose verbose = gateway.sdk().audio().transcriptions().create(transcribe("ears-gemini")
                .responseFormat(AudioResponseFormat.VERBOSE_JSON).build()).asVerbose();

        assertThat(verbose.text()).isEqualTo(MockAudio.transcript(SIZE, clipSha));
        assertThat(verbose.duration()).isEqualTo(MockAudio.duration(SIZE));
        assertThat(verbose.language()).isEqualTo("en");
        assertThat(verbose.segments().orElseThrow()).hasSize(1);
        JsonNode sent = upstream.lastRequest().orElseThrow().json();
        assertThat(sent.path("generationConfig").path("responseSchema").path("properties").has("segments")).isTrue();

        assertThat(postForm("ears-gemini", "srt").body()).startsWith("1\n00:00:00,000 --> 00:00:18,750\n"
                + MockAudio.transcript(SIZE, clipSha));
        assertThat(postForm("ears-gemini", "vtt").body()).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:18.750\n");
        assertThat(postForm("ears-gemini", "text").body().strip()).isEqualTo(MockAudio.transcript(SIZE, clipSha));
    }

    @Test
    void verboseJsonTellsTheUploadsMeasuredDuration() throws Exception {
        float rate = 16_000;
        byte[] pcm = new byte[2 * 16_000 * 2];
        Path wav = dir.resolve("two-seconds.wav");
        javax.sound.sampled.AudioSystem.write(new javax.sound.sampled.AudioInputStream(
                new java.io.ByteArrayInputStream(pcm), new javax.sound.sampled.AudioFormat(rate, 16, 1, true, false),
                pcm.length / 2), javax.sound.sampled.AudioFileFormat.Type.WAVE, wav.toFile());

        TranscriptionVerbose verbose = gateway.sdk().audio().transcriptions().create(TranscriptionCreateParams
                .builder().file(wav).model("ears-gemini").responseFormat(AudioResponseFormat.VERBOSE_JSON).build())
                .asVerbose();

        assertThat(verbose.duration()).as("the WAV's own length, not the mock's guess from its size").isEqualTo(2.0);
    }

    @Test
    void aStreamedTranscriptionIsAnsweredAsTranscriptEvents() {
        List<TranscriptionStreamEvent> events;
        try (StreamResponse<TranscriptionStreamEvent> stream = gateway.sdk().audio().transcriptions()
                .createStreaming(transcribe("ears-gemini").build())) {
            events = stream.stream().toList();
        }

        assertThat(events.getFirst().asTranscriptTextDelta().delta()).isEqualTo(MockAudio.transcript(SIZE, clipSha));
        assertThat(events.getLast().asTranscriptTextDone().text()).isEqualTo(MockAudio.transcript(SIZE, clipSha));
    }

    @Test
    void whisperFailingFailsOverToGeminiWithTheWholeFile() {
        upstream.enqueue(Behavior.status(500));

        Transcription text = gateway.sdk().audio().transcriptions().create(transcribe("whisper-then-gemini")
                .build()).asTranscription();

        assertThat(text.text()).isEqualTo(MockAudio.transcript(SIZE, clipSha));
        List<ReceivedAudio> received = upstream.receivedAudio();
        assertThat(received).extracting(ReceivedAudio::sha256).containsOnly(clipSha);
        assertThat(received.getFirst().path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(received.getLast().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    }

    @Test
    void geminiFailingFailsOverToWhisper() {
        upstream.enqueue(Behavior.status(503));

        Transcription text = gateway.sdk().audio().transcriptions().create(transcribe("gemini-then-whisper")
                .build()).asTranscription();

        assertThat(text.text()).isEqualTo(MockAudio.transcript(SIZE, clipSha));
        assertThat(upstream.receivedAudio().getFirst().path()).startsWith("/v1beta/models/gemini-2.5-flash");
        assertThat(upstream.receivedAudio().getLast().path()).isEqualTo("/v1/audio/transcriptions");
    }

    @Test
    void aGeminiModelTheCatalogMarksStillChats() {
        var chat = gateway.sdk().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("ears-gemini").addUserMessage("hello").build());

        assertThat(chat.choices().getFirst().message().content().orElseThrow()).contains("hello");
    }

    @Test
    void aFileLargerThanGeminiTakesInlineIsA413NamingTheLimit() throws Exception {
        Path big = dir.resolve("long.wav");
        Files.write(big, new byte[15 * 1024 * 1024]);

        HttpResponse<String> response = postForm("ears-gemini", "json", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("14680064 bytes").contains("\"param\":\"file\"");
        assertThat(upstream.requestCount()).isZero();
    }

    private static HttpResponse<String> postForm(String model, String format) throws Exception {
        return postForm(model, format, clip);
    }

    /** A form posted by hand, for the answer formats the SDK does not parse (text, srt, vtt). */
    private static HttpResponse<String> postForm(String model, String format, Path file) throws Exception {
        String boundary = "g3m-boundary";
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\n" + format + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes();
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] bytes = Files.readAllBytes(file);
        byte[] body = new byte[head.length + bytes.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bytes, 0, body, head.length, bytes.length);
        System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                        + "/v1/audio/transcriptions")).header("authorization", "Bearer " + Gateway.KEY)
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
