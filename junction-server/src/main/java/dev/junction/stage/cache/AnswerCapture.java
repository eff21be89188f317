package dev.junction.stage.cache;

import dev.junction.cache.ResponseAssembler;
import dev.junction.dialect.DialectCodecs;
import dev.junction.dialect.StreamDecoder;
import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.pipeline.Reply;
import dev.junction.secret.Redactor;
import dev.junction.upstream.EventStream;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.UpstreamReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps what a chat answer needs to be cached, without changing how it is written: a complete body or an
 * in-process answer as it is, a stream's events as they pass (the upstream's own {@link SseEvent}s on the fast path,
 * which stays a byte relay). The answer is made once, at the end ({@link #response}): a body parsed, a wire stream
 * decoded with its dialect's decoder, events folded by a {@link ResponseAssembler}. A stream that did not end, or
 * recorded more than {@value #MAX_EVENTS} events, yields nothing. Confined to the request's event loop.
 */
final class AnswerCapture {

    static final int MAX_EVENTS = 100_000;

    /** Records a stream's events on their way to the relay. */
    private static final class Recording<T> implements EventStream<T> {
        private final EventStream<T> source;
        private final List<T> events = new ArrayList<>();
        private boolean ended;
        private boolean overflowed;

        Recording(EventStream<T> source) {
            this.source = source;
        }

        @Override
        public void start(Consumer<T> onEvent, Consumer<GatewayError> onError, Runnable onEnd) {
            source.start(event -> {
                if (events.size() < MAX_EVENTS) {
                    events.add(event);
                } else {
                    overflowed = true;
                }
                onEvent.accept(event);
            }, onError, () -> {
                ended = true;
                onEnd.run();
            });
        }

        @Override
        public void pause() {
            source.pause();
        }

        @Override
        public void resume() {
            source.resume();
        }

        @Override
        public void cancel() {
            source.cancel();
        }

        Optional<List<T>> complete() {
            return ended && !overflowed ? Optional.of(events) : Optional.empty();
        }
    }

    private final Reply.Chat reply;
    private final Supplier<Optional<ChatResponse>> answer;

    AnswerCapture(Reply.Chat chat, Redactor redactor) {
        switch (chat.reply()) {
            case UpstreamReply.Complete c -> {
                reply = chat;
                answer = () -> Json.tryParse(c.raw().getBytes())
                        .map(body -> DialectCodecs.of(c.dialect()).responseToCanonical(body));
            }
            case UpstreamReply.Synthesized s -> {
                reply = chat;
                answer = () -> Optional.of(s.response());
            }
            case UpstreamReply.WireStream w -> {
                Recording<SseEvent> recording = new Recording<>(w.events());
                reply = new Reply.Chat(new UpstreamReply.WireStream(w.dialect(), recording, w.dropped(),
                        w.rateLimits()), chat.writer(), chat.transforms());
                answer = () -> recording.complete().flatMap(events -> decoded(events,
                        DialectCodecs.of(w.dialect()).streamDecoder(redactor)));
            }
            case UpstreamReply.CanonicalStream cs -> {
                Recording<StreamEvent> recording = new Recording<>(cs.events());
                reply = new Reply.Chat(new UpstreamReply.CanonicalStream(recording, cs.dropped()), chat.writer(),
                        chat.transforms());
                answer = () -> recording.complete().flatMap(events -> {
                    ResponseAssembler assembler = new ResponseAssembler();
                    events.forEach(assembler::accept);
                    assembler.accept(new StreamEvent.MessageStop()); // the relay ends such a stream with one too
                    return assembler.response();
                });
            }
        }
    }

    private static Optional<ChatResponse> decoded(List<SseEvent> events, StreamDecoder decoder) {
        ResponseAssembler assembler = new ResponseAssembler();
        for (SseEvent event : events) {
            decoder.decode(event).forEach(assembler::accept);
        }
        decoder.finish().forEach(assembler::accept);
        if (!decoder.done()) {
            return Optional.empty();
        }
        assembler.accept(new StreamEvent.MessageStop());
        return assembler.response();
    }

    /** The reply to write: the same answer, its stream recorded. */
    Reply.Chat reply() {
        return reply;
    }

    /** The complete canonical answer; call once the request was answered in full. */
    Optional<ChatResponse> response() {
        return answer.get();
    }
}
