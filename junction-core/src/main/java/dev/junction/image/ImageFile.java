package dev.junction.image;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * An image uploaded with an edit or a variation (the source image, or the mask), as the client sent it. Immutable
 * by convention: nobody writes to the buffer once the request is decoded.
 *
 * @param fileName the file name the client gave, {@code image.png} when it gave none
 * @param contentType the part's content type, {@code image/png} when it gave none
 * @param bytes the file's bytes
 */
public record ImageFile(String fileName, String contentType, Buffer bytes) {

    public ImageFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
    }
}
