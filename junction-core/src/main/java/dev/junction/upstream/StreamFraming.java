package dev.junction.upstream;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * How a streaming upstream frames its events on the wire: server-sent events ({@link #SSE}, every dialect but one),
 * or a binary framing (AWS event streams, {@code dialect.bedrock}) whose frames a parser turns into {@link SseEvent}s
 * so that the rest of the relay stays the same. Implementations are stateless; their parsers are confined to one
 * response's event loop.
 */
public interface StreamFraming {

    /** Server-sent events ({@code text/event-stream}). */
    StreamFraming SSE = new StreamFraming() {
        @Override
        public boolean accepts(String contentType) {
            return contentType.startsWith("text/event-stream");
        }

        @Override
        public Parser parser(Consumer<SseEvent> sink) {
            SseParser parser = new SseParser(sink);
            return new Parser() {
                @Override
                public void feed(Buffer chunk) {
                    parser.feed(chunk);
                }

                @Override
                public void end() {
                    parser.end();
                }
            };
        }
    };

    /** Whether a 2xx reply of this content type is a stream in this framing (otherwise it is read as one body). */
    boolean accepts(String contentType);

    /** A parser that hands each complete event to {@code sink}. */
    Parser parser(Consumer<SseEvent> sink);

    /** Reads the bytes of one response, as they arrive. */
    interface Parser {
        /**
         * Consumes the next bytes; events completed by them go to the sink.
         *
         * @throws MalformedStreamException when the bytes cannot be a stream of this framing
         */
        void feed(Buffer chunk);

        /** The body has ended. */
        void end();
    }

    /** The upstream's bytes break the framing (an oversized event, a bad checksum); the message says how. */
    class MalformedStreamException extends RuntimeException {
        public MalformedStreamException(String message) {
            super(message);
        }

        /** A cheap exception (no stack trace): a bad stream is the upstream's fault and says so in its message. */
        protected MalformedStreamException(String message, Throwable cause, boolean suppression, boolean trace) {
            super(message, cause, suppression, trace);
        }
    }
}
