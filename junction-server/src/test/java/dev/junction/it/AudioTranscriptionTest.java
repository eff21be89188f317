package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.Transcription;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionStreamEvent;
import com.openai.models.audio.transcriptions.TranscriptionVerbose;
import com.openai.models.audio.translations.TranslationCreateParams;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockAudio;
import dev.junction.testkit.ReceivedAudio;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transcriptions and translations through the official OpenAI SDK: the upload arrives intact at every upstream it is
 * sent to (its SHA-256 compared), in every answer format, streamed, failed over, and at Deepgram.
 */
class AudioTranscriptionTest {

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension(upstream -> """
            providers:
              deepgram: {dialect: deepgram, base_url: %s, api_key: dg-upstream-key-0123456789}
              backup: {dialect: openai, base_url: %s, api_key: sk-backup-upstream-0123456789}
            routes:
              ears:
                groups:
                  - deployments: [{provider: openai, model: gpt-4o-transcribe, operations: [audio_transcription]}]
              ears-failover:
                groups:
                  - deployments: [{provider: openai, model: whisper-1, operations: [audio_transcription]}]
                  - deployments: [{provider: backup, model: whisper-large-v3, operations: [audio_transcription]}]
              ears-deepgram:
                groups:
                  - deployments: [{provider: deepgram, model: nova-3, operations: [audio_transcription]}]
            """.formatted(upstream.rootUrl(), upstream.baseUrl()));

    @TempDir
    static Path dir;
    private static Path clip;
    private static String clipSha;

    @BeforeAll
    static void recordAClip() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        clip = dir.resolve("meeting.mp3");
        Files.write(clip, bytes);
        clipSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static TranscriptionCreateParams.Builder transcribe(String model) {
        return TranscriptionCreateParams.builder().file(clip).model(model);
    }

    @Test
    void theUploadArrivesIntactAndTheTranscriptComesBack() {
        Transcription text = ENV.gateway().sdk().audio().transcriptions().create(transcribe("ears").language("en")
                .build()).asTranscription();

        assertThat(text.text()).isEqualTo(MockAudio.transcript(300_000, clipSha));
        ReceivedAudio received = ENV.upstream().receivedAudio().getFirst();
        assertThat(received.sha256()).isEqualTo(clipSha);
        assertThat(received.filename()).isEqualTo("meeting.mp3");
        assertThat(received.fields().get("model")).containsExactly("gpt-4o-transcribe");
        assertThat(received.fields().get("language")).containsExactly("en");
        assertThat(text.usage().orElseThrow().isTokens()).isTrue();
    }

    @Test
    void verboseJsonCarriesTheDurationAndTheTimestampGranularities() {
        TranscriptionVerbose verbose = ENV.gateway().sdk().audio().transcriptions().create(transcribe("ears")
                .responseFormat(AudioResponseFormat.VERBOSE_JSON)
                .addTimestampGranularity(TranscriptionCreateParams.TimestampGranularity.WORD)
                .addTimestampGranularity(TranscriptionCreateParams.TimestampGranularity.SEGMENT).build()).asVerbose();

        assertThat(verbose.duration()).isEqualTo(MockAudio.duration(300_000));
        assertThat(verbose.segments().orElseThrow()).hasSize(1);
        assertThat(ENV.upstream().receivedAudio().getFirst().fields().get("timestamp_granularities[]"))
                .containsExactly("word", "segment");
    }

    @Test
    void textSrtAndVttComeBackAsTheUpstreamWroteThem() throws Exception {
        for (String format : List.of("text", "srt", "vtt")) {
            HttpResponse<String> response = postForm("/v1/audio/transcriptions", "ears", format);

            assertThat(response.statusCode()).as(format).isEqualTo(200);
            assertThat(response.body()).as(format).contains(MockAudio.transcript(300_000, clipSha));
        }
        assertThat(postForm("/v1/audio/transcriptions", "ears", "vtt").body()).startsWith("WEBVTT");
        assertThat(postForm("/v1/audio/transcriptions", "ears", "srt").body()).startsWith("1\n00:00:00,000 --> ");
    }

    @Test
    void translationsGoToTheTranslationsPath() {
        var translation = ENV.gateway().sdk().audio().translations().create(TranslationCreateParams.builder()
                .file(clip).model("ears").build());

        assertThat(translation.asTranslation().text()).isEqualTo(MockAudio.transcript(300_000, clipSha));
        assertThat(ENV.upstream().receivedAudio().getFirst().path()).isEqualTo("/v1/audio/translations");
    }

    @Test
    void streamedTranscriptionRelaysTheTranscriptEvents() {
        StringBuilder deltas = new StringBuilder();
        String done;
        try (StreamResponse<TranscriptionStreamEvent> stream = ENV.gateway().sdk().audio().transcriptions()
                .createStreaming(transcribe("ears").build())) {
            List<TranscriptionStreamEvent> events = stream.stream().toList();
            events.stream().flatMap(e -> e.transcriptTextDelta().stream()).forEach(d -> deltas.append(d.delta()));
            done = events.getLast().asTranscriptTextDone().text();
        }

        assertThat(done).isEqualTo(MockAudio.transcript(300_000, clipSha));
        assertThat(deltas.toString().strip()).isEqualTo(done);
        assertThat(ENV.upstream().receivedAudio().getFirst().fields().get("stream")).containsExactly("true");
    }

    @Test
    void aFailedAttemptResendsTheWholeFileToTheNextProvider() {
        ENV.upstream().enqueue(Behavior.status(500));

        Transcription text = ENV.gateway().sdk().audio().transcriptions().create(transcribe("ears-failover")
                .build()).asTranscription();

        assertThat(text.text()).isEqualTo(MockAudio.transcript(300_000, clipSha));
        List<ReceivedAudio> received = ENV.upstream().receivedAudio();
        assertThat(received).extracting(ReceivedAudio::sha256).containsOnly(clipSha);
        assertThat(received).extracting(r -> r.fields().get("model").getFirst()).endsWith("whisper-large-v3");
        assertThat(received.size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aWhisperTranscriptionIsPricedByTheSecondsItReports() {
        ENV.gateway().sdk().audio().transcriptions().create(transcribe("ears-failover")
                .responseFormat(AudioResponseFormat.VERBOSE_JSON).build());

        String line = ENV.gateway().awaitLog("audio_second=19.0").lines()
                .filter(l -> l.contains("\"upstream_model\":\"whisper-1\"") && l.contains("audio_second=19.0"))
                .findFirst().orElseThrow();
        assertThat(line).as("19 s at whisper-1's $0.0001 a second").contains("\"cost_usd\":0.0019");
    }

    @Test
    void srtAndVttTranscriptionsArePricedByTheirLastCuesEndNotTheWorstCase() throws Exception {
        for (String format : List.of("srt", "vtt")) {
            HttpResponse<String> response = postForm("/v1/audio/transcriptions", "ears-failover", format);
            String id = response.headers().firstValue("x-request-id").orElseThrow();

            String line = ENV.gateway().awaitLog(id).lines().filter(l -> l.contains(id) && l.contains("units"))
                    .findFirst().orElseThrow();
            double seconds = MockAudio.duration(ENV.upstream().receivedAudio().getLast().size());
            assertThat(line).as(format + ": the mock's last cue ends at the clip's duration (random bytes: not measured)")
                    .contains("audio_second:cues=" + seconds + "}")
                    .contains("\"cost_usd\":" + java.math.BigDecimal.valueOf(seconds)
                            .multiply(new java.math.BigDecimal("0.0001")).stripTrailingZeros().toPlainString());
        }
    }

    @Test
    void deepgramTranscribesThroughTheOpenAiSdk() {
        TranscriptionVerbose verbose = ENV.gateway().sdk().audio().transcriptions().create(transcribe("ears-deepgram")
                .responseFormat(AudioResponseFormat.VERBOSE_JSON).build()).asVerbose();

        assertThat(verbose.text()).isEqualTo(MockAudio.transcript(300_000, clipSha));
        assertThat(verbose.duration()).isEqualTo(MockAudio.duration(300_000));
        assertThat(verbose.words().orElseThrow()).isNotEmpty();
        ReceivedAudio received = ENV.upstream().receivedAudio().getFirst();
        assertThat(received.path()).isEqualTo("/v1/listen");
        assertThat(received.sha256()).isEqualTo(clipSha);
        assertThat(received.fields().get("model")).containsExactly("nova-3");
        assertThat(ENV.upstream().lastRequest().orElseThrow().headers().get("authorization"))
                .containsExactly("Token dg-upstream-key-0123456789");
    }

    @Test
    void deepgramJsonAndTextAnswersAreOpenAis() throws Exception {
        Transcription json = ENV.gateway().sdk().audio().transcriptions().create(transcribe("ears-deepgram").build())
                .asTranscription();
        HttpResponse<String> text = postForm("/v1/audio/transcriptions", "ears-deepgram", "text");

        assertThat(json.text()).isEqualTo(MockAudio.transcript(300_000, clipSha));
        assertThat(json.usage().orElseThrow().asDuration().seconds()).isEqualTo(Math.ceil(MockAudio.duration(300_000)));
        assertThat(text.body().strip()).isEqualTo(MockAudio.transcript(300_000, clipSha));
    }

    @Test
    void aFormWithoutAFileIsABadRequestNamingIt() throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nears\r\n--"
                + boundary + "--\r\n";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(ENV.gateway().baseUrl() + "/v1/audio/transcriptions"))
                .header("authorization", "Bearer " + Gateway.KEY)
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"param\":\"file\"").contains("invalid_request_error");
        assertThat(ENV.upstream().requestCount()).isZero();
    }

    /** A form posted by hand, for the answer formats the SDK does not parse (text, srt, vtt). */
    private static HttpResponse<String> postForm(String path, String model, String format)
            throws IOException, InterruptedException {
        String boundary = "t3st-boundary";
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\n" + format + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"meeting.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n").getBytes();
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] file = Files.readAllBytes(clip);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ENV.gateway().baseUrl() + path))
                .header("authorization", "Bearer " + Gateway.KEY)
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
