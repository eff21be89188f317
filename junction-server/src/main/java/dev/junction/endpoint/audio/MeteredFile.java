package dev.junction.endpoint.audio;

import dev.junction.audio.duration.DurationMeter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.streams.WriteStream;

/**
 * The file an upload is written to, its bytes shown to a {@link DurationMeter} and counted on their way to disk: the
 * audio's duration is measured as it arrives, without reading it again. Back-pressure and ending are the file's.
 * Confined to the request's event loop.
 */
final class MeteredFile implements WriteStream<Buffer> {

    private final AsyncFile file;
    private final DurationMeter meter = new DurationMeter();
    private long written;

    MeteredFile(AsyncFile file) {
        this.file = file;
    }

    /** The meter the bytes went through. */
    DurationMeter meter() {
        return meter;
    }

    /** The bytes written so far. */
    long written() {
        return written;
    }

    /** Closes the file, whether or not the upload was whole (a failed upload's file is deleted afterwards). */
    void abandon() {
        file.close().onFailure(t -> { }); // already closed by the pipe's end
    }

    @Override
    public Future<Void> write(Buffer data) {
        meter.feed(data.getBytes());
        written += data.length();
        return file.write(data);
    }

    @Override
    public Future<Void> end() {
        return file.end();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        file.exceptionHandler(handler);
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        file.setWriteQueueMaxSize(maxSize);
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return file.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        file.drainHandler(handler);
        return this;
    }
}
