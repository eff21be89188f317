package dev.junction.endpoint.audio;

import dev.junction.audio.AudioUpload;
import dev.junction.model.GatewayError;
import dev.junction.endpoint.FormFailure;
import dev.junction.pipeline.ErrorReplies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.Pipe;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Receives a {@code multipart/form-data} upload without holding it in memory: the {@code file} part is streamed to
 * a file of its own under the upload directory by Vert.x's asynchronous file system (a chunk is written before the
 * next is read), its duration measured from its container's headers on the way ({@link MeteredFile}), the text
 * fields are kept, and the whole body is held to {@code limitBytes} as it arrives. A body
 * over the limit is read to its end and thrown away (so that the client, still sending, sees the answer rather than
 * a broken pipe), then answered 413 in OpenAI's shape; past four times the limit the connection is closed. The file is deleted when the request ends, however it ends.
 * Once the body is in, the form is attached ({@link UploadedForm}) and the next handler runs. The request body is
 * never aggregated: Vert.x's multipart decoder hands file bytes to the upload and nowhere else. Runs on the event
 * loop and never blocks; one instance serves every request.
 */
final class UploadIntake implements Handler<RoutingContext> {

    private final long limitBytes;
    private final String directory;

    /** @param directory an existing directory the gateway may write to */
    UploadIntake(long limitBytes, String directory) {
        this.limitBytes = limitBytes;
        this.directory = directory;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String type = Optional.ofNullable(request.getHeader("content-type")).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            ErrorReplies.send(ctx, new GatewayError.InvalidRequest("Expected a multipart/form-data body with the "
                    + "audio as its 'file' part.", Optional.of("file"), Optional.empty()));
            return;
        }
        long declared = parseLength(request.getHeader("content-length"));
        if (declared > limitBytes) {
            drainThenRefuse(ctx, 0);
            return;
        }
        new Receipt(ctx).begin();
    }

    /** Reads the rest of the body into nothing and answers 413 once it has ended. */
    private void drainThenRefuse(RoutingContext ctx, long alreadyReceived) {
        HttpServerRequest request = ctx.request();
        long[] received = {alreadyReceived};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > 4 * limitBytes) {
                request.connection().close();
            }
        });
        request.endHandler(v -> ErrorReplies.send(ctx, new GatewayError.PayloadTooLarge(limitBytes)));
    }

    private static long parseLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One request's upload; confined to its event loop. */
    private final class Receipt {
        private final RoutingContext ctx;
        private final List<Future<?>> files = new ArrayList<>();
        private HttpServerFileUpload upload;
        private String path;
        private Pipe<Buffer> pipe;
        private MeteredFile file;
        private long received;
        private boolean failed;

        Receipt(RoutingContext ctx) {
            this.ctx = ctx;
        }

        void begin() {
            HttpServerRequest request = ctx.request();
            request.setExpectMultipart(true);
            ctx.addEndHandler(v -> discard());
            request.handler(chunk -> {
                received += chunk.length();
                if (received > limitBytes && !failed) {
                    fail();
                    request.uploadHandler(null);
                    drainThenRefuse(ctx, received);
                }
            });
            request.uploadHandler(this::receive);
            request.exceptionHandler(t -> {
                // The decoder gave up (a text field over the limit, a malformed form): the client's mistake.
                if (!failed) {
                    fail();
                    ErrorReplies.send(ctx, FormFailure.of(t));
                }
            });
            request.endHandler(v -> Future.join(files).onComplete(ar -> {
                if (failed) {
                    return;
                }
                if (ar.failed()) {
                    fail();
                    ErrorReplies.send(ctx, new GatewayError.InvalidRequest("The upload could not be received."));
                    return;
                }
                List<Map.Entry<String, String>> fields = new ArrayList<>();
                request.formAttributes().forEach(e -> fields.add(Map.entry(e.getKey(), e.getValue())));
                Optional<AudioUpload> audio = Optional.ofNullable(upload).map(u -> new AudioUpload(path,
                        u.filename() == null || u.filename().isBlank() ? "audio" : u.filename(),
                        u.contentType() == null || u.contentType().isBlank() ? "application/octet-stream"
                                : u.contentType(), file.written(), file.meter().seconds()));
                new UploadedForm(fields, audio).attach(ctx);
                ctx.next();
            }));
        }

        private void receive(HttpServerFileUpload part) {
            if (upload != null || !part.name().equals("file") || failed) {
                part.handler(ignored -> { }); // a second file, or another file field: read past it
                return;
            }
            upload = part;
            path = directory + "/" + UUID.randomUUID() + ".upload";
            pipe = part.pipe(); // paused until the file is open
            files.add(ctx.vertx().fileSystem().open(path, new OpenOptions().setWrite(true).setCreate(true)
                    .setTruncateExisting(true)).compose(opened -> {
                        file = new MeteredFile(opened);
                        if (failed) {
                            file.abandon();
                            return Future.failedFuture("the upload was refused");
                        }
                        return pipe.to(file);
                    }));
        }

        private void fail() {
            failed = true;
            if (pipe != null && file == null) {
                pipe.close(); // before the file is open: nothing is written (a file opened since is abandoned)
            }
            // Once the file is open, the part keeps flowing into it, so that the body is read to its end; the end
            // handler deletes the file.
        }

        /** The request is over: the file goes, whether or not anything read it. */
        private void discard() {
            if (path != null) {
                ctx.vertx().fileSystem().delete(path).onFailure(t -> { }); // never written, or already gone
            }
        }
    }
}
