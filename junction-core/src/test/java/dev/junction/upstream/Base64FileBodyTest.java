package dev.junction.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A file base64-encoded as it is read from disk, between a head and a tail: the same text as encoding it whole. */
class Base64FileBodyTest {

    @TempDir
    Path dir;
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 8192, 100_001, 300_002})
    void theBodyIsTheHeadTheWholeFileEncodedAndTheTail(int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path file = dir.resolve("clip.bin");
        Files.write(file, bytes);
        var body = new Base64FileBody(vertx.fileSystem(), "{\"data\":\"", file.toString(), size, "\"}",
                "application/json");
        Collected out = new Collected();

        body.writeTo(out).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        String expected = "{\"data\":\"" + Base64.getEncoder().encodeToString(bytes) + "\"}";
        assertThat(out.bytes.toString(StandardCharsets.US_ASCII)).isEqualTo(expected);
        assertThat(body.length()).isEqualTo(expected.length());
    }

    /** A write stream that keeps what it is given and is never full. */
    private static final class Collected implements WriteStream<Buffer> {
        final Buffer bytes = Buffer.buffer();

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Future<Void> write(Buffer data) {
            bytes.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
