package dev.junction.upstream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Builds a {@code multipart/form-data} body (RFC 7578) for an upstream: text fields and files, in order, the files'
 * bytes copied untouched. Not thread safe; one per request.
 */
public final class MultipartBody {

    private final String boundary = "junction-" + UUID.randomUUID();
    private final Buffer body = Buffer.buffer();

    /** Adds a text field. */
    public MultipartBody field(String name, String value) {
        body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(name)
                + "\"\r\n\r\n").appendString(value, StandardCharsets.UTF_8.name()).appendString("\r\n");
        return this;
    }

    /** Adds a file. */
    public MultipartBody file(String name, String fileName, String contentType, Buffer bytes) {
        body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(name)
                + "\"; filename=\"" + quoted(fileName) + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .appendBuffer(bytes).appendString("\r\n");
        return this;
    }

    /** The {@code content-type} header of the body. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The finished body; call once, after the last part. */
    public Buffer build() {
        return body.appendString("--" + boundary + "--\r\n");
    }

    /** A name or file name inside a quoted header parameter: quotes and line breaks cannot end it early. */
    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
