package dev.junction.upstream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A body that carries a file base64-encoded between a head and a tail it keeps in memory: a JSON request whose one
 * string value is a file's bytes (Gemini's {@code inlineData.data}). The file is read from disk and encoded as it is
 * sent, a chunk at a time with the out stream's back-pressure, so the encoded file is never held whole. Immutable;
 * every {@link #writeTo} opens the file again.
 */
public final class Base64FileBody implements BodySource {

    private final FileSystem files;
    private final Buffer head;
    private final String path;
    private final long fileSize;
    private final Buffer tail;
    private final String contentType;

    /**
     * @param head the bytes before the encoded file (a JSON document up to the string's opening quote)
     * @param tail the bytes after it (from the string's closing quote)
     */
    public Base64FileBody(FileSystem files, String head, String path, long fileSize, String tail, String contentType) {
        this.files = files;
        this.head = Buffer.buffer(head.getBytes(StandardCharsets.UTF_8));
        this.path = path;
        this.fileSize = fileSize;
        this.tail = Buffer.buffer(tail.getBytes(StandardCharsets.UTF_8));
        this.contentType = contentType;
    }

    /** The length of {@code bytes} bytes base64-encoded with padding. */
    public static long encodedLength(long bytes) {
        return (bytes + 2) / 3 * 4;
    }

    @Override
    public long length() {
        return head.length() + encodedLength(fileSize) + tail.length();
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public Future<Void> writeTo(WriteStream<Buffer> out) {
        out.write(head);
        return files.open(path, new OpenOptions().setRead(true).setWrite(false).setCreate(false)).compose(file -> {
            Promise<Void> copied = Promise.promise();
            Encoder encoder = new Encoder();
            file.exceptionHandler(copied::tryFail);
            file.handler(chunk -> {
                out.write(encoder.encode(chunk));
                if (out.writeQueueFull()) {
                    file.pause();
                    out.drainHandler(v -> file.resume());
                }
            });
            file.endHandler(v -> {
                out.write(encoder.finish());
                copied.tryComplete();
            });
            return copied.future().eventually(file::close);
        }).compose(done -> out.write(tail));
    }

    /**
     * Encodes a byte stream in pieces: whole groups of three bytes as they come, the one or two left over carried
     * to the next chunk, the padding at the end. Confined to one write.
     */
    private static final class Encoder {
        private final byte[] carry = new byte[2];
        private int carried;

        Buffer encode(Buffer chunk) {
            byte[] bytes = chunk.getBytes();
            int total = carried + bytes.length;
            int whole = total - total % 3;
            byte[] group = new byte[whole];
            System.arraycopy(carry, 0, group, 0, Math.min(carried, whole));
            if (whole >= carried) {
                System.arraycopy(bytes, 0, group, carried, whole - carried);
                int rest = total - whole;
                System.arraycopy(bytes, bytes.length - rest, carry, 0, rest);
                carried = rest;
            } else { // fewer than three bytes in all: keep them
                System.arraycopy(bytes, 0, carry, carried, bytes.length);
                carried = total;
            }
            return Buffer.buffer(Base64.getEncoder().encode(group));
        }

        Buffer finish() {
            byte[] last = new byte[carried];
            System.arraycopy(carry, 0, last, 0, carried);
            return Buffer.buffer(Base64.getEncoder().encode(last));
        }
    }
}
