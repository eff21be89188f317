package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one dialect writes the response to one generation (or embedding) request: the success body or
 * stream events for an {@link Answer}, and the error bodies. Built per request, so it knows the
 * requested model, whether a stream was asked for and the response ids. Rendering may have the side
 * effect of issuing thought signatures (see {@link IssuedSignatures}); each rendering method is called
 * at most once per request.
 */
interface AnswerFormat {

    /** {@return whether the client asked for a stream} */
    boolean streams();

    /** {@return the content type of JSON bodies, errors included} */
    CharSequence jsonContentType();

    /** {@return the content type of a streamed answer} */
    CharSequence streamContentType();

    /** {@return the whole success body} */
    Buffer body(Answer answer);

    /** {@return the stream events, in order, each one write} */
    List<Buffer> events(Answer answer);

    /**
     * The in-stream error of {@link Behavior#errorAfterEvents}.
     *
     * @param position the number of events sent before it
     * @return the error event, ending the stream
     */
    Buffer streamError(int position);

    /**
     * The error body this dialect typically sends with this status.
     *
     * @param behaviorHeaders the behaviour's response headers, e.g. a {@code Retry-After} to mirror in the body
     */
    Buffer errorBody(int status, Map<String, String> behaviorHeaders);

    /** {@return a 500 body explaining a failure of the mock itself, e.g. an unreadable fixture} */
    Buffer mockFailure(String message);

    /** {@return why this dialect cannot express the answer, empty when it can} */
    default Optional<String> inexpressible(Answer answer) {
        return Optional.empty();
    }
}
