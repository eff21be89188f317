package dev.junction.pipeline;

import dev.junction.model.GatewayError;
import dev.junction.upstream.EventStream;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a stage returns: the answer to write to the client. Closed: an error, a JSON body already in the client's
 * format, a chat answer (a complete body or a stream, in any upstream dialect) that the request's writer
 * translates into the client's, or media bytes relayed as they arrive (audio, transcripts, legacy completions).
 */
public sealed interface Reply {

    /** An error answer: a stage's refusal or the route's failure. Written in the client's dialect. */
    record Refused(GatewayError error) implements Reply {
    }

    /** A complete JSON body in the client's own format (embeddings, model lists, token counts). */
    record Json(JsonNode body) implements Reply {
    }

    /**
     * Bytes already in the client's format, relayed as they arrive with back-pressure (speech audio, transcript
     * events, a legacy completion's events) under {@code contentType}; {@code ended} runs once when the body ended
     * whole (not when it failed or the client left), for the usage the stream reported.
     */
    record Media(String contentType, EventStream<Buffer> body, Runnable ended) implements Reply {

        /** A body that is all here (a transcription's text), written at once. */
        public static Media whole(String contentType, Buffer body) {
            return new Media(contentType, new WholeBody(body), () -> { });
        }

        /** Stops a body nobody will read. */
        void discard() {
            body.cancel();
        }
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

    /** Writes a chat answer to the client; one per client dialect and stream format. */
    @FunctionalInterface
    interface ChatWriter {

        /** Writes {@code chat} as the response of {@code exchange}; ends the response exactly once. */
        void write(Exchange exchange, Chat chat);
    }
}
