package dev.junction.endpoint.images;

import dev.junction.image.ImageFile;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code multipart/form-data} request read into memory with Vert.x's own multipart decoder, never more than
 * {@code limit} bytes of files: past the limit the rest is read and dropped, and the form says it was too large.
 * Confined to the request's event loop.
 *
 * @param fields the text fields, by name (the last value of a repeated one)
 * @param files the uploaded files with their field names, in order
 * @param tooLarge whether the files exceeded the limit (they are then incomplete)
 */
record MultipartForm(Map<String, String> fields, List<Part> files, boolean tooLarge) {

    /** One uploaded file and the field it came in. */
    record Part(String field, ImageFile file) {
    }

    /** Reads the request's form; fails when the connection fails or the body is not a form. */
    static Future<MultipartForm> read(HttpServerRequest request, long limit) {
        Promise<MultipartForm> done = Promise.promise();
        List<Part> files = new ArrayList<>();
        long[] total = {0};
        boolean[] over = {false};
        request.setExpectMultipart(true);
        request.uploadHandler(upload -> {
            Buffer bytes = Buffer.buffer();
            upload.handler(chunk -> {
                total[0] += chunk.length();
                if (total[0] > limit) {
                    over[0] = true;
                } else {
                    bytes.appendBuffer(chunk);
                }
            });
            upload.endHandler(v -> files.add(new Part(upload.name(), new ImageFile(
                    upload.filename().isBlank() ? "image.png" : upload.filename(),
                    upload.contentType() == null || upload.contentType().isBlank() ? "image/png" : upload.contentType(),
                    bytes))));
        });
        request.exceptionHandler(done::tryFail);
        request.endHandler(v -> {
            Map<String, String> fields = new LinkedHashMap<>();
            request.formAttributes().forEach(e -> fields.put(e.getKey(), e.getValue()));
            done.tryComplete(new MultipartForm(fields, List.copyOf(files), over[0]));
        });
        request.resume();
        return done.future();
    }
}
