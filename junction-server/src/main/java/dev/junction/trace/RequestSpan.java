package dev.junction.trace;

import dev.junction.events.RequestFinished;
import dev.junction.upstream.Propagation;
import java.util.Optional;

/** One request's span, from its start to {@link #end}. Confined to the request's event loop. */
public interface RequestSpan {

    /** A span that records nothing. */
    RequestSpan NONE = new RequestSpan() {
        @Override
        public Propagation propagation() {
            return Propagation.NONE;
        }

        @Override
        public void end(RequestFinished finished, Optional<String> route) {
        }
    };

    /**
     * The trace context the request's upstream requests carry: each attempt's {@code traceparent} names a CLIENT
     * span of that attempt, a child of this one.
     */
    Propagation propagation();

    /**
     * Ends the span with what the request did, and a child span per upstream attempt, each ended at the attempt's
     * own end. Called once.
     *
     * @param route the route the request resolved to, if it got that far
     */
    void end(RequestFinished finished, Optional<String> route);
}
