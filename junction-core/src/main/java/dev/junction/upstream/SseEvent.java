package dev.junction.upstream;

import dev.junction.json.JsonBytes;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One server-sent event, holding the bytes exactly as received. The {@code data:} and {@code event:} fields are
 * decoded only when asked for: the pass-through relay answers its questions ({@link #dataStartsWith},
 * {@link #mentionsObject}) on the bytes and never builds strings for the events it merely forwards. Not thread safe.
 */
public final class SseEvent {

    private final Buffer raw;
    private String event;
    private String data;
    private byte[] array;
    private int base;
    private int length;

    SseEvent(Buffer raw) {
        this.raw = raw;
    }

    /** An event from its wire text, for tests and synthetic streams. */
    public static SseEvent of(String wireText) {
        return new SseEvent(Buffer.buffer(wireText));
    }

    /** The event's bytes, terminator included, for byte-exact pass-through. */
    public Buffer raw() {
        return raw;
    }

    /**
     * The {@code event:} field, empty when absent (OpenAI's Chat Completions sends none). Read from the bytes without
     * decoding the data, so a relay can dispatch on the name alone.
     */
    public String event() {
        if (event == null) {
            event = eventFromBytes();
        }
        return event;
    }

    /** The {@code data:} lines joined with {@code \n}; empty for a comment-only event. */
    public String data() {
        decode();
        return data;
    }

    /** Whether the first {@code data:} line starts with this ASCII text (after the optional space). */
    public boolean dataStartsWith(String prefix) {
        bytes();
        int start = dataOffset();
        if (start < 0 || start + prefix.length() > length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (array[base + start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the event has a {@code data:} line at all. */
    public boolean hasData() {
        bytes();
        return dataOffset() >= 0;
    }

    /**
     * Whether the bytes contain {@code "name"} followed by a colon and an object ({@code "usage": {…}}, not
     * {@code "usage": null}). A cheap pre-check before parsing; it may say yes for the name inside a string.
     */
    public boolean mentionsObject(String name) {
        bytes();
        int n = name.length();
        int end = base + length;
        outer:
        for (int i = base; i + n + 2 < end; i++) {
            if (array[i] != '"' || array[i + n + 1] != '"') {
                continue;
            }
            for (int k = 0; k < n; k++) {
                if (array[i + 1 + k] != name.charAt(k)) {
                    continue outer;
                }
            }
            int j = skipSpaces(i + n + 2, end);
            if (j < end && array[j] == ':') {
                j = skipSpaces(j + 1, end);
                if (j < end && array[j] == '{') {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The string values of members named {@code name} in the event's bytes ({@code "finish_reason": "stop"}), in
     * order, read without decoding the event; see {@link JsonBytes}.
     */
    public List<String> stringValues(String name) {
        bytes();
        return JsonBytes.stringValues(array, base, length, name);
    }

    private int skipSpaces(int from, int end) {
        int j = from;
        while (j < end && (array[j] == ' ' || array[j] == '\t')) {
            j++;
        }
        return j;
    }

    /**
     * The event's bytes as an array region, without copying when the buffer is heap-backed (it always is for
     * events from {@link SseParser}, which slices its own heap copy).
     */
    private void bytes() {
        if (array != null) {
            return;
        }
        ByteBuf buf = ((BufferInternal) raw).unwrap();
        length = buf.readableBytes();
        if (buf.hasArray()) {
            array = buf.array();
            base = buf.arrayOffset() + buf.readerIndex();
        } else {
            array = raw.getBytes();
            base = 0;
        }
    }

    /** The offset (relative to the event) of the first data line's value, or -1. */
    private int dataOffset() {
        int lineStart = 0;
        while (lineStart + 5 <= length) {
            int p = base + lineStart;
            if (array[p] == 'd' && array[p + 1] == 'a' && array[p + 2] == 't' && array[p + 3] == 'a'
                    && array[p + 4] == ':') {
                int v = lineStart + 5;
                return v < length && array[base + v] == ' ' ? v + 1 : v;
            }
            int i = lineStart;
            while (i < length && array[base + i] != '\n' && array[base + i] != '\r') {
                i++;
            }
            while (i < length && (array[base + i] == '\n' || array[base + i] == '\r')) {
                i++;
            }
            lineStart = i;
        }
        return -1;
    }

    /**
     * The value of the last {@code event:} line (the last one wins, as in {@link #decode}), decoded as UTF-8 and
     * stripped; empty when there is none.
     */
    private String eventFromBytes() {
        bytes();
        String name = "";
        int lineStart = 0;
        while (lineStart < length) {
            int end = lineStart;
            while (end < length && array[base + end] != '\n' && array[base + end] != '\r') {
                end++;
            }
            if (end - lineStart >= 6 && startsWithEvent(base + lineStart)) {
                name = new String(array, base + lineStart + 6, end - lineStart - 6, StandardCharsets.UTF_8).strip();
            }
            lineStart = end + 1;
        }
        return name;
    }

    private boolean startsWithEvent(int p) {
        return array[p] == 'e' && array[p + 1] == 'v' && array[p + 2] == 'e' && array[p + 3] == 'n'
                && array[p + 4] == 't' && array[p + 5] == ':';
    }

    private void decode() {
        if (data != null) {
            return;
        }
        String text = raw.toString(StandardCharsets.UTF_8);
        String name = "";
        StringBuilder joined = null;
        int i = 0;
        int len = text.length();
        while (i < len) {
            int eol = i;
            while (eol < len && text.charAt(eol) != '\n' && text.charAt(eol) != '\r') {
                eol++;
            }
            if (text.startsWith("data:", i)) {
                int v = i + 5 < eol && text.charAt(i + 5) == ' ' ? i + 6 : i + 5;
                String value = text.substring(Math.min(v, eol), eol);
                if (joined == null) {
                    joined = new StringBuilder(value);
                } else {
                    joined.append('\n').append(value);
                }
            } else if (text.startsWith("event:", i)) {
                name = text.substring(i + 6, eol).strip();
            }
            // CRLF counts as one line break; a lone CR or LF as one too.
            i = eol < len && text.charAt(eol) == '\r' && eol + 1 < len && text.charAt(eol + 1) == '\n' ? eol + 2
                    : eol + 1;
        }
        if (event == null) {
            event = name;
        }
        data = joined == null ? "" : joined.toString();
    }

    @Override
    public String toString() {
        return "SseEvent[" + raw.toString(StandardCharsets.UTF_8).strip() + "]";
    }
}
