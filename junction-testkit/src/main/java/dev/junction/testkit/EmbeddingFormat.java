package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/** An {@link AnswerFormat} for embeddings: one JSON body, never a stream. */
interface EmbeddingFormat extends AnswerFormat {

    @Override
    default boolean streams() {
        return false;
    }

    @Override
    default CharSequence jsonContentType() {
        return Exchange.APPLICATION_JSON;
    }

    @Override
    default CharSequence streamContentType() {
        return Exchange.APPLICATION_JSON;
    }

    @Override
    default List<Buffer> events(Answer answer) {
        throw new UnsupportedOperationException("embeddings are never streamed");
    }

    @Override
    default Buffer streamError(int position) {
        throw new UnsupportedOperationException("embeddings are never streamed");
    }
}
