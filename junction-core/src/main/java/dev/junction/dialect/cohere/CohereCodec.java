package dev.junction.dialect.cohere;

import dev.junction.dialect.StreamDecoder;
import dev.junction.dialect.UpstreamOnlyCodec;
import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.secret.Redactor;
import tools.jackson.databind.JsonNode;

/** The Cohere dialect for the server: complete answers and SSE streams read into canonical form. Stateless. */
public final class CohereCodec extends UpstreamOnlyCodec {

    public static final CohereCodec INSTANCE = new CohereCodec();

    private CohereCodec() {}

    @Override
    public Dialect dialect() {
        return Dialect.COHERE;
    }

    @Override
    public ChatResponse responseToCanonical(JsonNode body) {
        return CohereResponseMapper.toCanonical(body);
    }

    @Override
    public StreamDecoder streamDecoder(Redactor redactor) {
        return new CohereStreamDecoder(redactor);
    }
}
