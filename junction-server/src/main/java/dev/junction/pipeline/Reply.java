package dev.junction.pipeline;

import dev.junction.model.GatewayError;
import dev.junction.upstream.UpstreamReply;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a stage returns: the answer to write to the client. Closed: an error, a JSON body already in the client's
 * format, a chat answer (a complete body or a stream, in any upstream dialect) that the request's writer
 * translates into the client's, or an answer its operation writes itself (bytes, text, a stream of image or audio
 * events).
 */
public sealed interface Reply {

    /** An error answer: a stage's refusal or the route's failure. Written in the client's dialect. */
    record Refused(GatewayError error) implements Reply {
    }

    /** A complete JSON body in the client's own format (embeddings, model lists, token counts). */
    record Json(JsonNode body) implements Reply {
    }

    /**
     * A chat answer from an upstream, written by {@code writer} in the client's dialect; streamed events pass through
     * {@code transforms} in order.
     */
    record Chat(UpstreamReply reply, ChatWriter writer, List<StreamTransform> transforms) implements Reply {

        public Chat {
            transforms = List.copyOf(transforms);
        }

        /** A chat answer with no stream transforms. */
        public Chat(UpstreamReply reply, ChatWriter writer) {
            this(reply, writer, List.of());
        }

        /** This answer with {@code transform} after the ones it has. */
        public Chat through(StreamTransform transform) {
            List<StreamTransform> all = new ArrayList<>(transforms);
            all.add(transform);
            return new Chat(reply, writer, all);
        }

        /** Stops a stream nobody will read. */
        void discard() {
            switch (reply) {
                case UpstreamReply.WireStream w -> w.events().cancel();
                case UpstreamReply.CanonicalStream cs -> cs.events().cancel();
                default -> { }
            }
        }
    }

    /**
     * An answer its operation writes itself: audio bytes streamed through, a text transcript, an event stream of
     * partial images. The pipeline hands it the response once every stage has seen the reply.
     */
    record Written(Writer writer) implements Reply {
    }

    /** Writes an operation's own answer. Runs on the request's event loop; never blocks. */
    interface Writer {

        /**
         * Writes the answer as the response of {@code exchange}, ending it exactly once; sets the record's status and
         * first byte as it goes ({@code exchange.record().status(…).firstByte()}).
         */
        void write(Exchange exchange);

        /** Releases what the answer holds (an upstream stream) when the client left before it could be written. */
        default void discard() {
        }
    }

    /** Writes a chat answer to the client; one per client dialect and stream format. */
    @FunctionalInterface
    interface ChatWriter {

        /** Writes {@code chat} as the response of {@code exchange}; ends the response exactly once. */
        void write(Exchange exchange, Chat chat);
    }
}
