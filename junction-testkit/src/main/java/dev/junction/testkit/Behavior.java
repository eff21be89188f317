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
 * How the mock upstream answers one generation request, in whichever wire format the request came in
 * (OpenAI Chat Completions, OpenAI Responses, Anthropic Messages or Gemini {@code generateContent}): a
 * {@link Reply} plus
 * headers, timing and stream faults. Immutable; every {@code with…} method returns a copy, so modifiers combine freely:
 * {@code Behavior.ok().withFirstByteDelay(Duration.ofMillis(200)).cutAfterEvents(3)}.
 *
 * <p>Stream modifiers ({@link #withFirstByteDelay}, {@link #withInterEventDelay}, {@link #cutAfterEvents},
 * {@link #errorAfterEvents}) apply when the answer is a stream: a streamed completion (OpenAI,
 * Responses and Anthropic {@code "stream": true}, Gemini {@code :streamGenerateContent}) or an
 * event-stream {@link #fixture}. Events are counted from the first one: for OpenAI every {@code data:}
 * event including the {@code [DONE]} terminator; for Responses every named event from
 * {@code response.created} to {@code response.completed}; for Anthropic every named event including
 * {@code ping};
 * for Gemini every chunk (with {@code alt=sse} a {@code data:} event, without it one array element,
 * the closing {@code ]} travelling with the last one).
 *
 * @param reply what to answer
 * @param headers extra response headers, set after the standard ones (so they can replace them)
 * @param latency delay before the status line and headers are written
 * @param firstByteDelay for streams: delay between the headers and the first event
 * @param interEventDelay for streams: delay between two events
 * @param cutAfterEvents for streams: close the connection abruptly after this many events
 * @param errorAfterEvents for streams: after this many events send an in-stream error event and end
 * @param times how many requests this behaviour serves when {@linkplain MockUpstream#enqueue enqueued}
 * @param thinking the model's thoughts preceding a completion, see {@link #withThinking}
 */
public record Behavior(
        Reply reply,
        Map<String, String> headers,
        Duration latency,
        Duration firstByteDelay,
        Duration interEventDelay,
        OptionalInt cutAfterEvents,
        OptionalInt errorAfterEvents,
        int times,
        Optional<String> thinking) {

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
        Objects.requireNonNull(thinking, "thinking");
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
     * An error response with the error body the called dialect sends for that status: OpenAI's (for
     * example 429 {@code rate_limit_exceeded} of type {@code requests}), Anthropic's (429
     * {@code rate_limit_error}, 529 {@code overloaded_error}, …) or Google's (429 {@code RESOURCE_EXHAUSTED}
     * with a {@code RetryInfo} detail when a {@code Retry-After} header is set, …); see {@link #withBody}
     * to send another body.
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
        return new Behavior(reply, copy, latency, firstByteDelay, interEventDelay, cutAfterEvents, errorAfterEvents, times, thinking);
    }

    /**
     * Delays the whole response: nothing, not even the status line, is written before it passes.
     *
     * @param delay delay before the status line and headers are written
     * @return a copy with this latency
     */
    public Behavior withLatency(Duration delay) {
        return new Behavior(reply, headers, delay, firstByteDelay, interEventDelay, cutAfterEvents, errorAfterEvents, times, thinking);
    }

    /**
     * Delays the first event of a stream, e.g. to test a time-to-first-byte timeout.
     *
     * @param delay for streams: headers go out at once, then this delay passes before the first event
     * @return a copy with this first-byte delay
     */
    public Behavior withFirstByteDelay(Duration delay) {
        return new Behavior(reply, headers, latency, delay, interEventDelay, cutAfterEvents, errorAfterEvents, times, thinking);
    }

    /**
     * Paces a stream, e.g. to test an idle timeout between events.
     *
     * @param delay for streams: the pause between two events
     * @return a copy with this inter-event delay
     */
    public Behavior withInterEventDelay(Duration delay) {
        return new Behavior(reply, headers, latency, firstByteDelay, delay, cutAfterEvents, errorAfterEvents, times, thinking);
    }

    /**
     * For streams: after {@code events} events close the connection abruptly, without {@code [DONE]}.
     * If {@link #errorAfterEvents} is set too, the smaller count wins; a tie cuts.
     *
     * @param events the number of events to send first, 0 or more
     * @return a copy with this fault
     */
    public Behavior cutAfterEvents(int events) {
        return new Behavior(reply, headers, latency, firstByteDelay, interEventDelay, OptionalInt.of(events), errorAfterEvents, times, thinking);
    }

    /**
     * For streams: after {@code events} events send the dialect's in-stream error and end the response
     * normally: OpenAI {@code data: {"error":{...,"type":"server_error",...}}} without {@code [DONE]};
     * Responses {@code event: error} with {@code "code":"server_error"} and the next
     * {@code sequence_number}, without {@code response.completed}; Anthropic {@code event: error} with an {@code overloaded_error}, without {@code message_stop};
     * Gemini an {@code {"error":{"code":500,...,"status":"INTERNAL"}}} chunk (the array's last element
     * without {@code alt=sse}).
     *
     * @param events the number of events to send first, 0 or more
     * @return a copy with this fault
     */
    public Behavior errorAfterEvents(int events) {
        return new Behavior(reply, headers, latency, firstByteDelay, interEventDelay, cutAfterEvents, OptionalInt.of(events), times, thinking);
    }

    /**
     * Makes the model think before it answers, as each dialect shows it:
     * <ul>
     *   <li>Anthropic: a first {@code thinking} content block with these thoughts and a signature the mock
     *       issues and remembers (streamed as {@code thinking_delta}s then one {@code signature_delta});
     *   <li>Gemini: a first {@code "thought": true} part with these thoughts, and a {@code thoughtSignature}
     *       the mock issues and remembers on the first {@code functionCall} part (on the first answer text
     *       part when there are no calls); {@code usageMetadata.thoughtsTokenCount} counts the thoughts;
     *   <li>OpenAI Chat Completions: only {@code completion_tokens_details.reasoning_tokens} (included in
     *       {@code completion_tokens});
     *   <li>OpenAI Responses: a first {@code reasoning} item with these thoughts as its summary (streamed as
     *       {@code reasoning_summary_text.delta}s) and, when the request includes
     *       {@code reasoning.encrypted_content}, an {@code encrypted_content} the mock issues and remembers;
     *       {@code output_tokens_details.reasoning_tokens} counts the thoughts.
     * </ul>
     * Requests that replay an assistant turn are then checked like the real APIs check them: an
     * Anthropic {@code thinking} block whose signature the mock did not issue, a Gemini
     * {@code functionCall} the mock signed replayed without that exact {@code thoughtSignature}, or a
     * Responses {@code reasoning} item with an {@code encrypted_content} the mock did not issue (whatever
     * behaviour was enqueued), is answered with a 400 (see {@link MockUpstream}). Thoughts count one token per word.
     *
     * @param thoughts the thoughts, not blank
     * @return a copy that thinks
     * @throws IllegalStateException if this behaviour does not complete ({@link #status}, {@link #fixture},
     *     {@link #hang})
     */
    public Behavior withThinking(String thoughts) {
        if (thoughts.isBlank()) {
            throw new IllegalArgumentException("thoughts must not be blank");
        }
        if (!(reply instanceof Reply.Echo || reply instanceof Reply.Text || reply instanceof Reply.ToolCalls)) {
            throw new IllegalStateException("withThinking applies to ok(), reply(...) and toolCalls(...) only, not " + reply);
        }
        return new Behavior(reply, headers, latency, firstByteDelay, interEventDelay, cutAfterEvents, errorAfterEvents,
                times, Optional.of(thoughts));
    }

    /**
     * Lets one enqueued behaviour answer several requests in a row.
     *
     * @param requests how many requests this behaviour serves when enqueued (ignored by
     *     {@link MockUpstream#setDefault}); at least 1
     * @return a copy serving that many requests
     */
    public Behavior times(int requests) {
        return new Behavior(reply, headers, latency, firstByteDelay, interEventDelay, cutAfterEvents, errorAfterEvents, requests, thinking);
    }

    private Behavior withReply(Reply newReply) {
        return new Behavior(newReply, headers, latency, firstByteDelay, interEventDelay, cutAfterEvents, errorAfterEvents, times, thinking);
    }

    private static Behavior of(Reply reply) {
        return new Behavior(reply, Map.of(), Duration.ZERO, Duration.ZERO, Duration.ZERO,
                OptionalInt.empty(), OptionalInt.empty(), 1, Optional.empty());
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
