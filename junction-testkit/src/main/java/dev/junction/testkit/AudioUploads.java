package dev.junction.testkit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an audio upload as it arrives, through a SHA-256 digest and nowhere else: a multipart form's {@code file}
 * part (OpenAI's transcriptions and translations) or a whole raw body (Deepgram). Runs on the request's event loop.
 */
final class AudioUploads {

    private AudioUploads() {}

    /** The form's file part, digested, and its text fields. Fails when the form has no {@code file} part. */
    static Future<ReceivedAudio> multipart(HttpServerRequest request) {
        Promise<ReceivedAudio> received = Promise.promise();
        request.setExpectMultipart(true);
        MessageDigest digest = sha256();
        long[] size = {0};
        String[] file = {null, null};
        request.uploadHandler(upload -> {
            if (!upload.name().equals("file")) {
                upload.handler(ignored -> { });
                return;
            }
            file[0] = upload.filename();
            file[1] = upload.contentType();
            upload.handler(chunk -> {
                size[0] += chunk.length();
                digest.update(chunk.getBytes());
            });
        });
        request.exceptionHandler(received::tryFail);
        request.endHandler(v -> {
            if (file[0] == null) {
                received.tryFail(new IllegalArgumentException("no file part"));
                return;
            }
            Map<String, List<String>> fields = new LinkedHashMap<>();
            request.formAttributes().forEach(e -> fields.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                    .add(e.getValue()));
            received.tryComplete(new ReceivedAudio(request.path(), file[0], file[1], size[0],
                    HexFormat.of().formatHex(digest.digest()), fields));
        });
        return received.future();
    }

    /** The whole body as the file, digested; the query parameters as its fields. */
    static Future<ReceivedAudio> raw(HttpServerRequest request) {
        Promise<ReceivedAudio> received = Promise.promise();
        MessageDigest digest = sha256();
        long[] size = {0};
        request.handler(chunk -> {
            size[0] += chunk.length();
            digest.update(chunk.getBytes());
        });
        request.exceptionHandler(received::tryFail);
        request.endHandler(v -> {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            request.params().forEach(e -> fields.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            String type = request.getHeader("content-type");
            received.tryComplete(new ReceivedAudio(request.path(), "", type == null ? "" : type, size[0],
                    HexFormat.of().formatHex(digest.digest()), fields));
        });
        return received.future();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
