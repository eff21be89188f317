package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * A Google answer format the mock only ever answers whole (embeddings, images, Imagen and Vertex predictions,
 * transcripts): JSON bodies, Google's error bodies for the model asked for, and no stream, so that a streaming
 * behaviour fails loudly with {@link #whyWhole()}.
 */
interface GoogleWholeAnswer extends AnswerFormat {

    /** The model asked for, named in error bodies. */
    String model();

    /** Why this format is never streamed, the message a streaming behaviour fails with. */
    String whyWhole();

    @Override
    default boolean streams() {
        return false;
    }

    @Override
    default CharSequence jsonContentType() {
        return Exchange.GOOGLE_JSON;
    }

    @Override
    default CharSequence streamContentType() {
        return Exchange.GOOGLE_JSON;
    }

    @Override
    default List<Buffer> events(Answer answer) {
        throw new UnsupportedOperationException(whyWhole());
    }

    @Override
    default Buffer streamError(int position) {
        throw new UnsupportedOperationException(whyWhole());
    }

    @Override
    default Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return GeminiError.forStatus(status, model(), behaviorHeaders).body(false);
    }

    @Override
    default Buffer mockFailure(String message) {
        return GeminiError.of(500, message, "INTERNAL").body(false);
    }
}
