package dev.junction.endpoint.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload intake on a real Vert.x server: the file part lands on disk byte for byte while the request body is
 * never aggregated (the routing context has no body), the text fields are kept in order, the audio's duration is
 * measured on the way, and the file is gone when the request ends.
 */
class UploadIntakeTest {

    @TempDir
    Path dir;
    private Vertx vertx;
    private HttpServer server;
    private final CompletableFuture<String> seen = new CompletableFuture<>();
    private final CompletableFuture<java.util.OptionalDouble> measured = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.post("/upload").handler(new UploadIntake(64L * 1024 * 1024, dir.toString())).handler(ctx -> {
            UploadedForm form = UploadedForm.of(ctx);
            var file = form.file().orElseThrow();
            measured.complete(file.seconds());
            vertx.executeBlocking(() -> {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of(file.path())));
                return HexFormat.of().formatHex(digest);
            }).onComplete(ar -> {
                seen.complete((ctx.body().buffer() == null ? "no-body" : "body:" + ctx.body().length()) + " "
                        + file.size() + " " + ar.result() + " " + form.fields());
                ctx.response().end("ok");
            });
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void theFileGoesToDiskTheBodyIsNeverAggregatedAndTheFileIsDeletedAtTheEnd() throws Exception {
        byte[] audio = new byte[40 * 1024 * 1024];
        new Random(40).nextBytes(audio);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio));
        String boundary = "intake";
        Buffer body = Buffer.buffer("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n"
                + "whisper-1\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nfr\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").appendBytes(audio).appendString("\r\n--" + boundary + "--\r\n");
        var client = vertx.createHttpClient(new HttpClientOptions());

        int status = client.request(new RequestOptions().setMethod(HttpMethod.POST).setPort(server.actualPort())
                        .setHost("127.0.0.1").setURI("/upload"))
                .compose(req -> req.putHeader("content-type", "multipart/form-data; boundary=" + boundary).send(body))
                .map(r -> r.statusCode()).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(status).isEqualTo(200);
        assertThat(seen.get(60, TimeUnit.SECONDS)).isEqualTo("no-body " + audio.length + " " + sha
                + " [model=whisper-1, language=fr]");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.list(dir).findAny().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void theDurationOfAWavUploadIsMeasuredAsItArrives() throws Exception {
        int byteRate = 8_000 * 2;
        int data = byteRate * 3 / 2;
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + data).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8_000).putInt(byteRate).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(data);
        String boundary = "intake";
        Buffer body = Buffer.buffer("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n").appendBytes(wav.array())
                .appendString("\r\n--" + boundary + "--\r\n");
        var client = vertx.createHttpClient(new HttpClientOptions());

        client.request(new RequestOptions().setMethod(HttpMethod.POST).setPort(server.actualPort())
                        .setHost("127.0.0.1").setURI("/upload"))
                .compose(req -> req.putHeader("content-type", "multipart/form-data; boundary=" + boundary).send(body))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(measured.get(60, TimeUnit.SECONDS)).hasValue(1.5);
    }
}
