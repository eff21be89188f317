package dev.junction.upstream;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578) of text fields and one file part whose bytes are read from disk as
 * they are sent: the fields and the file's part header are a few hundred bytes kept in memory, the file is streamed
 * from disk with back-pressure ({@link FileBody}). Immutable; every {@link #writeTo} opens the file again.
 */
public final class MultipartFileBody implements BodySource {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FileSystem files;
    private final String boundary;
    private final Buffer head;
    private final String path;
    private final long fileSize;
    private final Buffer tail;

    private MultipartFileBody(FileSystem files, String boundary, Buffer head, String path, long fileSize, Buffer tail) {
        this.files = files;
        this.boundary = boundary;
        this.head = head;
        this.path = path;
        this.fileSize = fileSize;
        this.tail = tail;
    }

    /** The file part of a multipart body: its field name, file name, content type and where its bytes are. */
    public record FilePart(String field, String filename, String contentType, String path, long size) {}

    /**
     * A body of {@code fields} (in order; a name may repeat, such as {@code timestamp_granularities[]}) followed by
     * {@code file}.
     */
    public static MultipartFileBody of(FileSystem files, List<Map.Entry<String, String>> fields, FilePart file) {
        String boundary = "junction-" + HexFormat.of().formatHex(RANDOM.generateSeed(12));
        StringBuilder head = new StringBuilder();
        for (Map.Entry<String, String> field : fields) {
            head.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(quoted(field.getKey())).append("\"\r\n\r\n")
                    .append(field.getValue()).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quoted(file.field()))
                .append("\"; filename=\"").append(quoted(file.filename())).append("\"\r\n")
                .append("Content-Type: ").append(file.contentType()).append("\r\n\r\n");
        String tail = "\r\n--" + boundary + "--\r\n";
        return new MultipartFileBody(files, boundary, Buffer.buffer(head.toString().getBytes(StandardCharsets.UTF_8)),
                file.path(), file.size(), Buffer.buffer(tail.getBytes(StandardCharsets.UTF_8)));
    }

    /** Quotes a parameter value: a quote or a line break in a client's file name must not end the header. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", " ").replace("\n", " ");
    }

    @Override
    public long length() {
        return head.length() + fileSize + tail.length();
    }

    @Override
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    @Override
    public Future<Void> writeTo(WriteStream<Buffer> out) {
        out.write(head);
        return new FileBody(files, path, fileSize, "").writeTo(out).compose(done -> out.write(tail));
    }
}
