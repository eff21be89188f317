package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * Sends a list of stream events (server-sent events, or the elements of Gemini's JSON-array stream),
 * one write per event, applying a behaviour's stream timing and faults: headers at once,
 * {@code firstByteDelay} before the first event, {@code interEventDelay} between events, and a cut or
 * the dialect's in-stream error after a number of events. Stops as soon as the client goes away. Runs on
 * the request's event loop; delays use Vert.x timers.
 */
final class EventStreamWriter {

    private final Exchange exchange;
    private final List<Buffer> events;
    private final Behavior behavior;
    private final int cutAt;
    private final int errorAt;
    private final IntFunction<Buffer> errorEvent;

    /**
     * @param errorEvent the in-stream error sent in place of the event at the given position
     */
    EventStreamWriter(Exchange exchange, List<Buffer> events, Behavior behavior, IntFunction<Buffer> errorEvent) {
        this.exchange = exchange;
        this.events = events;
        this.behavior = behavior;
        this.errorEvent = errorEvent;
        this.cutAt = orNever(behavior.cutAfterEvents());
        this.errorAt = orNever(behavior.errorAfterEvents());
    }

    void start(int status, CharSequence contentType) {
        exchange.startChunked(status, contentType, behavior.headers());
        exchange.later(behavior.firstByteDelay(), () -> sendFrom(0));
    }

    private void sendFrom(int first) {
        boolean paced = !behavior.interEventDelay().isZero();
        for (int next = first; exchange.isOpen(); next++) {
            if (next == cutAt) {
                exchange.cut();
                return;
            }
            if (next == errorAt) {
                exchange.write(errorEvent.apply(next));
                exchange.end();
                return;
            }
            if (next == events.size()) {
                exchange.end();
                return;
            }
            exchange.write(events.get(next));
            if (paced) {
                int following = next + 1;
                exchange.later(behavior.interEventDelay(), () -> sendFrom(following));
                return;
            }
        }
    }

    private static int orNever(OptionalInt count) {
        return count.orElse(Integer.MAX_VALUE);
    }

    /**
     * Splits a server-sent event stream into events, each ending with its blank line ({@code \n\n} or
     * {@code \r\n\r\n}); a trailing part without a blank line becomes the last event. Bytes are kept
     * verbatim.
     */
    static List<Buffer> splitEvents(Buffer stream) {
        List<Buffer> events = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < stream.length(); i++) {
            if (stream.getByte(i) == '\n' && endsLineBefore(stream, i)) {
                while (lineBreakAt(stream, i + 1) > 0) {
                    i += lineBreakAt(stream, i + 1); // extra blank lines belong to the event they follow
                }
                events.add(stream.getBuffer(start, i + 1));
                start = i + 1;
            }
        }
        if (start < stream.length()) {
            events.add(stream.getBuffer(start, stream.length()));
        }
        return events;
    }

    /** Whether the line feed at {@code i} ends an empty line, i.e. a line break precedes it. */
    private static boolean endsLineBefore(Buffer stream, int i) {
        byte previous = stream.getByte(i - 1);
        return previous == '\n' || previous == '\r' && i >= 2 && stream.getByte(i - 2) == '\n';
    }

    /** {@return the length of the line break starting at {@code i}: 1 for LF, 2 for CRLF, 0 for none} */
    private static int lineBreakAt(Buffer stream, int i) {
        if (i < stream.length() && stream.getByte(i) == '\n') {
            return 1;
        }
        return i + 1 < stream.length() && stream.getByte(i) == '\r' && stream.getByte(i + 1) == '\n' ? 2 : 0;
    }
}
