package dev.junction.upstream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.WriteStream;

/**
 * A file sent as the whole request body (Deepgram's raw audio), read from disk as it is sent. Immutable; every
 * {@link #writeTo} opens the file again.
 */
public record FileBody(FileSystem files, String path, long length, String contentType) implements BodySource {

    @Override
    public Future<Void> writeTo(WriteStream<Buffer> out) {
        return files.open(path, new OpenOptions().setRead(true).setWrite(false).setCreate(false)).compose(file -> {
            Promise<Void> copied = Promise.promise();
            file.exceptionHandler(copied::tryFail);
            file.handler(chunk -> {
                out.write(chunk);
                if (out.writeQueueFull()) {
                    file.pause();
                    out.drainHandler(v -> file.resume());
                }
            });
            file.endHandler(v -> copied.tryComplete());
            return copied.future().eventually(file::close);
        });
    }
}
