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

    /** The trace context the request's upstream requests carry: a {@code traceparent} naming this span. */
    Propagation propagation();

    /**
     * Ends the span with what the request did, adding a child span per upstream attempt, placed at the attempt's
     * time. Called once.
     *
     * @param route the route the request resolved to, if it got that far
     */
    void end(RequestFinished finished, Optional<String> route);
}
