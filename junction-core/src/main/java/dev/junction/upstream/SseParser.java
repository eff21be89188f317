package dev.junction.upstream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into server-sent events. Accepts LF, CRLF and CR line ends (Gemini uses CRLF), events split
 * across network chunks, and several events in one chunk. Comment lines ({@code :…}) are kept in {@code raw} but
 * produce no data. Not thread safe: one parser per stream.
 */
public final class SseParser {

    /** An event larger than this is a broken upstream, not a reply: 16 MiB. */
    public static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    /** Thrown by {@link #feed} when an event exceeds {@link #MAX_EVENT_BYTES}. */
    public static final class EventTooLargeException extends StreamFraming.MalformedStreamException {
        EventTooLargeException(int size) {
            super("a server-sent event exceeded " + MAX_EVENT_BYTES + " bytes (" + size + " buffered)", null, false,
                    false);
        }
    }

    private final Consumer<SseEvent> sink;
    private Buffer pending = Buffer.buffer();

    public SseParser(Consumer<SseEvent> sink) {
        this.sink = sink;
    }

    /** Feeds bytes; complete events go to the sink at once. */
    public void feed(Buffer chunk) {
        int scanned = pending.length();
        pending = scanned == 0 ? chunk.copy() : pending.appendBuffer(chunk);
        if (pending.length() > MAX_EVENT_BYTES) {
            throw new EventTooLargeException(pending.length());
        }
        int start = 0;
        int len = pending.length();
        // Resume just before where the last scan stopped (a terminator may straddle the chunks): linear time.
        int i = Math.max(0, scanned - 3);
        while (i < len) {
            int end = eventEnd(pending, start, i, len);
            if (end < 0) {
                i++;
                continue;
            }
            // A slice, not a copy: the bytes behind it are never written again (the remainder is copied below).
            emit(pending.slice(start, end));
            start = end;
            i = end;
        }
        pending = start == 0 ? pending : pending.getBuffer(start, len);
    }

    /** Flushes a final event that was not followed by a blank line. */
    public void end() {
        if (pending.length() > 0) {
            Buffer rest = pending;
            pending = Buffer.buffer();
            if (!rest.toString(StandardCharsets.UTF_8).isBlank()) {
                emit(rest);
            }
        }
    }

    /**
     * If an event terminator (a blank line) starts at {@code i}, the index just past it; else -1. A line break right
     * at the event's {@code start} ends no line, so extra blank lines between events join the next event whatever
     * the chunking.
     */
    private static int eventEnd(Buffer b, int start, int i, int len) {
        byte c = b.getByte(i);
        if (c != '\n' && c != '\r') {
            return -1;
        }
        int first = lineBreakEnd(b, i, len);
        if (first < 0 || first >= len) {
            return -1;
        }
        // A line break immediately followed by another line break is a blank line.
        if (i > start && isBreakStart(b.getByte(first))) {
            int second = lineBreakEnd(b, first, len);
            return second < 0 ? -1 : second;
        }
        return -1;
    }

    private static boolean isBreakStart(byte c) {
        return c == '\n' || c == '\r';
    }

    /** The index after the line break at {@code i}, or -1 when a CR is the last byte (a LF may follow). */
    private static int lineBreakEnd(Buffer b, int i, int len) {
        if (b.getByte(i) == '\r') {
            if (i + 1 >= len) {
                return -1;
            }
            return b.getByte(i + 1) == '\n' ? i + 2 : i + 1;
        }
        return i + 1;
    }

    private void emit(Buffer raw) {
        for (int i = 0; i < raw.length(); i++) {
            byte b = raw.getByte(i);
            if (b != '\n' && b != '\r' && b != ' ' && b != '\t') {
                sink.accept(new SseEvent(raw));
                return;
            }
        }
        // Only line breaks: extra blank lines between events, not an event.
    }
}
