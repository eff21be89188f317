package dev.junction.upstream;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Splits a newline-delimited JSON byte stream (Ollama's {@code application/x-ndjson}) into lines, incrementally: a
 * line split across network reads is joined, several lines in one read are all delivered, blank lines are skipped.
 * Each line reaches the sink as an {@link SseEvent} whose {@code data} is the line (without its LF or CRLF), so that
 * the stream machinery built for SSE (first-event detection, idle timeouts, back-pressure) serves NDJSON unchanged.
 * Not thread safe: one parser per stream.
 */
public final class NdjsonParser implements StreamFraming.Parser {

    private static final Buffer DATA = Buffer.buffer("data: ");
    private static final Buffer END = Buffer.buffer("\n\n");

    private final Consumer<SseEvent> sink;
    private Buffer pending = Buffer.buffer();

    public NdjsonParser(Consumer<SseEvent> sink) {
        this.sink = sink;
    }

    /**
     * Feeds bytes; complete lines go to the sink at once.
     *
     * @throws SseParser.EventTooLargeException when a line exceeds {@link SseParser#MAX_EVENT_BYTES}
     */
    @Override
    public void feed(Buffer chunk) {
        int scanned = pending.length();
        pending = scanned == 0 ? chunk.copy() : pending.appendBuffer(chunk);
        int start = 0;
        int len = pending.length();
        for (int i = scanned; i < len; i++) {
            if (pending.getByte(i) == '\n') {
                emit(pending.slice(start, i));
                start = i + 1;
            }
        }
        pending = start == 0 ? pending : pending.getBuffer(start, len);
        if (pending.length() > SseParser.MAX_EVENT_BYTES) {
            throw new SseParser.EventTooLargeException(pending.length());
        }
    }

    /** Flushes a final line that was not followed by a line break. */
    @Override
    public void end() {
        Buffer rest = pending;
        pending = Buffer.buffer();
        emit(rest);
    }

    private void emit(Buffer line) {
        int end = line.length();
        if (end > 0 && line.getByte(end - 1) == '\r') {
            end--;
        }
        int start = 0;
        while (start < end && isBlank(line.getByte(start))) {
            start++;
        }
        if (start == end) {
            return; // a blank line between objects
        }
        sink.accept(new SseEvent(Buffer.buffer(end - start + 8).appendBuffer(DATA)
                .appendBuffer(line, start, end - start).appendBuffer(END)));
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
