package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.MockAudio;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.ReceivedAudio;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Large uploads: a 40 MB file under a raised audio limit goes through intact, written to the upload directory (not
 * memory) and deleted when the request ends; a body over the limit is a 413 in OpenAI's shape that never reaches an
 * upstream. The client streams the file from disk (chunked), so neither side holds it whole.
 */
class AudioUploadLimitsTest {

    private static final long LIMIT = 45L * 1024 * 1024;

    @TempDir
    static Path dir;
    private static Path uploads;
    private static MockUpstream upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        uploads = Files.createDirectories(dir.resolve("uploads"));
        upstream = MockUpstream.start();
        gateway = Gateway.start("""
                server: {host: 127.0.0.1, port: 0, drain_timeout: 2s, max_audio_body_size: %d, upload_dir: %s}
                keys: [{name: tests, key: %s}]
                routes:
                  ears:
                    groups:
                      - deployments: [{provider: openai, model: whisper-1, operations: [audio_transcription]}]
                """.formatted(LIMIT, uploads, Gateway.KEY), Map.of("OPENAI_BASE_URL", upstream.baseUrl(),
                "OPENAI_API_KEY", "sk-upstream-secret-abcdef123456"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void aFortyMegabyteUploadIsStreamedThroughIntactAndItsFileDeleted() throws Exception {
        Path file = randomFile("forty.wav", 40L * 1024 * 1024);
        String sha = sha256(file);

        HttpResponse<String> response = post(file);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ReceivedAudio received = upstream.receivedAudio().getLast();
        assertThat(received.size()).isEqualTo(Files.size(file));
        assertThat(received.sha256()).isEqualTo(sha);
        assertThat(response.body()).contains(MockAudio.transcript(received.size(), sha));
        awaitEmpty(uploads);
    }

    @Test
    void aBodyOverTheAudioLimitIsA413InOpenAisShape() throws Exception {
        Path file = randomFile("too-long.wav", LIMIT + 1024 * 1024);
        long before = upstream.requestCount();

        HttpResponse<String> response = post(file);

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode error = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body())
                .path("error");
        assertThat(error.path("message").asString()).contains(Long.toString(LIMIT));
        assertThat(error.path("type").asString()).isNotBlank();
        assertThat(upstream.requestCount()).isEqualTo(before);
        awaitEmpty(uploads);
    }

    private static HttpResponse<String> post(Path file) throws Exception {
        String boundary = "large-upload-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nears\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                InputStream parts = new SequenceInputStream(new ByteArrayInputStream(head),
                        new SequenceInputStream(Files.newInputStream(file), new ByteArrayInputStream(tail)));
                return parts;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                        + "/v1/audio/transcriptions")).timeout(Duration.ofSeconds(120))
                .header("authorization", "Bearer " + Gateway.KEY)
                .header("content-type", "multipart/form-data; boundary=" + boundary).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path randomFile(String name, long size) throws Exception {
        Path file = dir.resolve(name);
        Random random = new Random(size);
        byte[] block = new byte[1024 * 1024];
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        return file;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The request is over once the client has the answer; its file goes right after (asynchronously). */
    private static void awaitEmpty(Path directory) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Path> left;
        do {
            try (Stream<Path> files = Files.list(directory)) {
                left = files.toList();
            }
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertThat(left).as("uploads left behind").isEmpty();
    }
}
