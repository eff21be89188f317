package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Sends a list of server-sent events, one write per event, applying a behaviour's stream timing and
 * faults: headers at once, {@code firstByteDelay} before the first event, {@code interEventDelay}
 * between events, and a cut or an in-stream error after a number of events. Stops as soon as the
 * client goes away. Runs on the request's event loop; delays use Vert.x timers.
 */
final class EventStreamWriter {

    private final Exchange exchange;
    private final List<Buffer> events;
    private final Behavior behavior;
    private final int cutAt;
    private final int errorAt;

    EventStreamWriter(Exchange exchange, List<Buffer> events, Behavior behavior) {
        this.exchange = exchange;
        this.events = events;
        this.behavior = behavior;
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
                exchange.write(CompletionJson.errorEvent());
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
     * Splits a server-sent event stream into events, each ending with its blank line ({@code \n\n});
     * a trailing part without a blank line becomes the last event. Bytes are kept verbatim.
     */
    static List<Buffer> splitEvents(Buffer stream) {
        List<Buffer> events = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < stream.length(); i++) {
            if (stream.getByte(i) == '\n' && stream.getByte(i - 1) == '\n') {
                while (i + 1 < stream.length() && stream.getByte(i + 1) == '\n') {
                    i++; // extra blank lines belong to the event they follow
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
}
