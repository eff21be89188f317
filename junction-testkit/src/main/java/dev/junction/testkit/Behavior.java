package dev.junction.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the mock upstream answers one chat completion request: a {@link Reply} plus headers, timing and
 * stream faults. Immutable; every {@code with…} method returns a copy, so modifiers combine freely:
 * {@code Behavior.ok().withFirstByteDelay(Duration.ofMillis(200)).cutAfterEvents(3)}.
 *
 * <p>Stream modifiers ({@link #withFirstByteDelay}, {@link #withInterEventDelay}, {@link #cutAfterEvents},
 * {@link #errorAfterEvents}) apply when the answer is an event stream: a streamed completion
 * ({@code "stream": true}) or an event-stream {@link #fixture}. Events are counted from the first
 * {@code data:} event; the {@code [DONE]} terminator counts as an event too.
 *
 * @param reply what to answer
 * @param headers extra response headers, set after the standard ones (so they can replace them)
 * @param latency delay before the status line and headers are written
 * @param firstByteDelay for streams: delay between the headers and the first event
 * @param interEventDelay for streams: delay between two events
 * @param cutAfterEvents for streams: close the connection abruptly after this many events
 * @param errorAfterEvents for streams: after this many events send an in-stream error event and end
 * @param times how many requests this behaviour serves when {@linkplain MockUpstream#enqueue enqueued}
 */
public record Behavior(
        Reply reply,
        Map<String, String> headers,
        Duration latency,
        Duration firstByteDelay,
        Duration interEventDelay,
        OptionalInt cutAfterEvents,
        OptionalInt errorAfterEvents,
        int times) {

    /** Validates and copies the components. */
    public Behavior {
        Objects.requireNonNull(reply, "reply");
        headers = Map.copyOf(headers);
        requireNonNegative(latency, "latency");
        requireNonNegative(firstByteDelay, "firstByteDelay");
        requireNonNegative(interEventDelay, "interEventDelay");
        requireNonNegative(cutAfterEvents, "cutAfterEvents");
        requireNonNegative(errorAfterEvents, "errorAfterEvents");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
    }

    /** {@return a normal reply echoing the last user message, see {@link Reply.Echo}} */
    public static Behavior ok() {
        return of(new Reply.Echo());
    }

    /**
     * A normal reply with this exact assistant text.
     *
     * @param text the assistant message content
     * @return the behaviour
     */
    public static Behavior reply(String text) {
        return of(new Reply.Text(text));
    }

    /** {@return a reply calling {@code get_current_weather} for Paris and Tokyo in parallel} */
    public static Behavior toolCalls() {
        return toolCalls(ToolCall.weatherInParisAndTokyo().toArray(ToolCall[]::new));
    }

    /**
     * A reply calling these tools, finishing with {@code tool_calls}.
     *
     * @param calls the calls, at least one
     * @return the behaviour
     */
    public static Behavior toolCalls(ToolCall... calls) {
        return of(new Reply.ToolCalls(List.of(calls)));
    }

    /**
     * An error response with OpenAI's error body for that status (for example 429 {@code
     * rate_limit_exceeded} of type {@code requests}); see {@link #withBody} to send another body.
     *
     * @param status the HTTP status, 400..599
     * @return the behaviour
     */
    public static Behavior status(int status) {
        return of(new Reply.Status(status, Optional.empty()));
    }

    /**
     * Serves a file's bytes verbatim.
     *
     * @param path the file, for example a fixture under {@code shared/wire/fixtures}
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}; {@code text/event-stream…} streams it event by event
     * @return the behaviour
     * @throws IllegalArgumentException if the file is not readable now
     */
    public static Behavior fixture(String path, int status, String contentType) {
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("fixture not readable: " + file.toAbsolutePath());
        }
        return of(new Reply.Fixture(file, status, contentType));
    }

    /** {@return a behaviour that accepts the request and never answers} */
    public static Behavior hang() {
        return of(new Reply.Hang());
    }

    /**
     * Replaces the generated error body of a {@link #status} behaviour.
     *
     * @param rawJson the body, sent verbatim as {@code application/json}
     * @return a copy with that body
     * @throws IllegalStateException if this is not a status behaviour
     */
    public Behavior withBody(String rawJson) {
        if (!(reply instanceof Reply.Status(int status, _))) {
            throw new IllegalStateException("withBody applies to Behavior.status(...) only, not " + reply);
        }
        return withReply(new Reply.Status(status, Optional.of(rawJson)));
    }

    /**
     * Adds a response header, replacing a standard header of the same name.
     *
     * @param name the header name, e.g. {@code Retry-After}
     * @param value the header value
     * @return a copy with the header
     */
    public Behavior withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Behavior(reply, copy, latency, firstByteDelay, interEventDelay, cutAfterEvents, errorAfterEvents, times);
    }

    /**
     * Delays the whole response: nothing, not even the status line, is written before it passes.
     *
     * @param delay delay before the status line and headers are written
     * @return a copy with this latency
     */
    public Behavior withLatency(Duration delay) {
        return new Behavior(reply, headers, delay, firstByteDelay, interEventDelay, cutAfterEvents, errorAfterEvents, times);
    }

    /**
     * Delays the first event of a stream, e.g. to test a time-to-first-byte timeout.
     *
     * @param delay for streams: headers go out at once, then this delay passes before the first event
     * @return a copy with this first-byte delay
     */
    public Behavior withFirstByteDelay(Duration delay) {
        return new Behavior(reply, headers, latency, delay, interEventDelay, cutAfterEvents, errorAfterEvents, times);
    }

    /**
     * Paces a stream, e.g. to test an idle timeout between events.
     *
     * @param delay for streams: the pause between two events
     * @return a copy with this inter-event delay
     */
    public Behavior withInterEventDelay(Duration delay) {
        return new Behavior(reply, headers, latency, firstByteDelay, delay, cutAfterEvents, errorAfterEvents, times);
    }

    /**
     * For streams: after {@code events} events close the connection abruptly, without {@code [DONE]}.
     * If {@link #errorAfterEvents} is set too, the smaller count wins; a tie cuts.
     *
     * @param events the number of events to send first, 0 or more
     * @return a copy with this fault
     */
    public Behavior cutAfterEvents(int events) {
        return new Behavior(reply, headers, latency, firstByteDelay, interEventDelay, OptionalInt.of(events), errorAfterEvents, times);
    }

    /**
     * For streams: after {@code events} events send {@code data: {"error":{...,"type":"server_error",...}}}
     * and end the response normally, without {@code [DONE]}.
     *
     * @param events the number of events to send first, 0 or more
     * @return a copy with this fault
     */
    public Behavior errorAfterEvents(int events) {
        return new Behavior(reply, headers, latency, firstByteDelay, interEventDelay, cutAfterEvents, OptionalInt.of(events), times);
    }

    /**
     * Lets one enqueued behaviour answer several requests in a row.
     *
     * @param requests how many requests this behaviour serves when enqueued (ignored by
     *     {@link MockUpstream#setDefault}); at least 1
     * @return a copy serving that many requests
     */
    public Behavior times(int requests) {
        return new Behavior(reply, headers, latency, firstByteDelay, interEventDelay, cutAfterEvents, errorAfterEvents, requests);
    }

    private Behavior withReply(Reply newReply) {
        return new Behavior(newReply, headers, latency, firstByteDelay, interEventDelay, cutAfterEvents, errorAfterEvents, times);
    }

    private static Behavior of(Reply reply) {
        return new Behavior(reply, Map.of(), Duration.ZERO, Duration.ZERO, Duration.ZERO,
                OptionalInt.empty(), OptionalInt.empty(), 1);
    }

    private static void requireNonNegative(Duration duration, String name) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }

    private static void requireNonNegative(OptionalInt count, String name) {
        if (count.isPresent() && count.getAsInt() < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + count.getAsInt());
        }
    }
}
