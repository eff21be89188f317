package dev.junction.dialect.ollama;

import dev.junction.dialect.StreamDecoder;
import dev.junction.dialect.UpstreamOnlyCodec;
import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.secret.Redactor;
import tools.jackson.databind.JsonNode;

/** The Ollama dialect for the server: complete answers and NDJSON streams read into canonical form. Stateless. */
public final class OllamaCodec extends UpstreamOnlyCodec {

    public static final OllamaCodec INSTANCE = new OllamaCodec();

    private OllamaCodec() {}

    @Override
    public Dialect dialect() {
        return Dialect.OLLAMA;
    }

    @Override
    public ChatResponse responseToCanonical(JsonNode body) {
        return OllamaResponseMapper.toCanonical(body);
    }

    @Override
    public StreamDecoder streamDecoder(Redactor redactor) {
        return new OllamaStreamDecoder(redactor);
    }
}
