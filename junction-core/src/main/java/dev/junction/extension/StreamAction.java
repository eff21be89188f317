package dev.junction.extension;

import dev.junction.model.StreamEvent;
import java.util.List;
import java.util.Objects;

/** What a stream hook does with one event: pass it, replace it by others (none drops it), or end the stream. */
public sealed interface StreamAction {

    /** The event goes on unchanged. */
    static StreamAction pass() {
        return Pass.INSTANCE;
    }

    /** The event is replaced by {@code events}, in order (none: dropped). */
    static StreamAction replace(List<StreamEvent> events) {
        return new Replace(events);
    }

    /** The event is dropped. */
    static StreamAction drop() {
        return new Replace(List.of());
    }

    /** The stream ends with an error event in the client's dialect carrying {@code message}; the upstream stops. */
    static StreamAction end(String message) {
        return new End(message);
    }

    /** Passes the event. */
    enum Pass implements StreamAction {
        INSTANCE
    }

    /** Replaces the event. */
    record Replace(List<StreamEvent> events) implements StreamAction {
        public Replace {
            events = List.copyOf(events);
        }
    }

    /** Ends the stream with an error. */
    record End(String message) implements StreamAction {
        public End {
            Objects.requireNonNull(message);
        }
    }
}
