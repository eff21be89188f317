package dev.junction.dialect.gemini;

import dev.junction.dialect.DialectCodec;
import dev.junction.dialect.PassThroughWatcher;
import dev.junction.dialect.StreamDecoder;
import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Gemini dialect for the server: complete responses both ways, stream decoding, fast-path watching and error
 * rendering. The stream encoder depends on the client's framing ({@code alt=sse} or not), so the server constructs
 * {@link GeminiStreamEncoder} itself. Stateless; thread safe.
 */
public final class GeminiCodec implements DialectCodec {

    public static final GeminiCodec INSTANCE = new GeminiCodec();

    private GeminiCodec() {}

    @Override
    public Dialect dialect() {
        return Dialect.GEMINI;
    }

    @Override
    public ChatResponse responseToCanonical(JsonNode body) {
        return GeminiResponseMapper.toCanonical(body);
    }

    @Override
    public ObjectNode responseFromCanonical(ChatResponse response) {
        return GeminiResponseMapper.fromCanonical(response);
    }

    @Override
    public StreamDecoder streamDecoder(Redactor redactor) {
        return new GeminiStreamDecoder(redactor);
    }

    @Override
    public PassThroughWatcher passThroughWatcher(Redactor redactor) {
        return new GeminiPassThroughWatcher(redactor);
    }

    @Override
    public ObjectNode renderError(GatewayError error) {
        return GeminiErrors.render(error);
    }
}
