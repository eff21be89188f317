package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Whisper's text, srt and vtt answers report no duration: the upload's duration is measured from its container as it
 * streams in and billed, and the request log says so ({@code audio_second:measured}); a file whose container is not
 * read is billed the worst case and says that ({@code audio_second:worst_case}).
 */
class AudioDurationBillingTest {

    private static final BigDecimal WHISPER_PER_SECOND = new BigDecimal("0.0001");

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension("""
            routes:
              ears:
                groups:
                  - deployments: [{provider: openai, model: whisper-1, operations: [audio_transcription]}]
            """);

    /** A WAV file written by the JDK's own encoder: 16 kHz, mono, 16-bit, a 440 Hz tone. */
    private static byte[] wav(double seconds) throws Exception {
        float rate = 16_000;
        int frames = (int) Math.round(seconds * rate);
        byte[] pcm = new byte[frames * 2];
        for (int i = 0; i < frames; i++) {
            short sample = (short) (Math.sin(2 * Math.PI * 440 * i / rate) * 8_000);
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, frames),
                AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    /** MPEG-1 layer III frames at 44.1 kHz and 128 kbit/s, as an encoder lays them out (silent payloads). */
    private static byte[] mp3(int frames) {
        int length = 144 * 128_000 / 44_100;
        byte[] out = new byte[frames * length];
        for (int i = 0; i < frames; i++) {
            out[i * length] = (byte) 0xFF;
            out[i * length + 1] = (byte) 0xFB;
            out[i * length + 2] = (byte) 0x90;
            out[i * length + 3] = (byte) 0x44;
        }
        return out;
    }

    private static JsonNode logLine(HttpResponse<String> response) {
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        String line = ENV.gateway().awaitLog(id).lines().filter(l -> l.contains(id) && l.contains("units"))
                .findFirst().orElseThrow();
        return Json.tryParse(line).orElseThrow();
    }

    private static BigDecimal cost(JsonNode line) {
        return new BigDecimal(line.path("cost_usd").asString(line.path("cost_usd").toString())).stripTrailingZeros();
    }

    @Test
    void aWavTranscribedAsTextIsBilledItsMeasuredDuration() throws Exception {
        HttpResponse<String> response = post(wav(3.5), "memo.wav", "text");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode line = logLine(response);
        assertThat(line.path("units").asString()).isEqualTo("{audio_second:measured=3.5}");
        assertThat(cost(line)).isEqualByComparingTo(WHISPER_PER_SECOND.multiply(new BigDecimal("3.5")));
    }

    @Test
    void anMp3TranscribedAsSrtIsBilledItsFramesNotItsLastCue() throws Exception {
        HttpResponse<String> response = post(mp3(500), "memo.mp3", "srt");

        double seconds = 500 * 1152 / 44_100.0;
        JsonNode line = logLine(response);
        assertThat(line.path("units").asString()).isEqualTo("{audio_second:measured=" + seconds + "}");
        assertThat(cost(line).doubleValue()).isCloseTo(seconds * 0.0001, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aFileWhoseContainerIsNotReadIsBilledTheWorstCaseAndSaysSo() throws Exception {
        byte[] noise = new byte[300_000];
        new Random(5).nextBytes(noise);

        JsonNode line = logLine(post(noise, "memo.bin", "text"));

        assertThat(line.path("units").asString()).isEqualTo("{audio_second:worst_case=150.0}");
        assertThat(cost(line)).isEqualByComparingTo(WHISPER_PER_SECOND.multiply(new BigDecimal(150)));
    }

    @Test
    void aDurationTheAnswerReportsWinsOverTheMeasuredOne() throws Exception {
        byte[] file = wav(2);

        JsonNode line = logLine(post(file, "memo.wav", "verbose_json"));

        assertThat(line.path("units").asString()).as("the mock reports its own duration for the size")
                .startsWith("{audio_second=").doesNotContain("measured");
    }

    private static HttpResponse<String> post(byte[] file, String filename, String format) throws Exception {
        String boundary = "dur-boundary";
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nears\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\n" + format + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes();
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ENV.gateway().baseUrl()
                        + "/v1/audio/transcriptions")).header("authorization", "Bearer " + Gateway.KEY)
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
