package dev.junction.dialect.anthropic;

import dev.junction.dialect.DialectCodec;
import dev.junction.dialect.PassThroughWatcher;
import dev.junction.dialect.StreamDecoder;
import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Anthropic Messages dialect as the server relays it. Stateless and thread safe. */
public final class AnthropicCodec implements DialectCodec {

    /** The one instance. */
    public static final AnthropicCodec INSTANCE = new AnthropicCodec();

    private AnthropicCodec() {}

    @Override
    public Dialect dialect() {
        return Dialect.ANTHROPIC;
    }

    @Override
    public ChatResponse responseToCanonical(JsonNode body) {
        return AnthropicResponseMapper.toCanonical(body);
    }

    @Override
    public ObjectNode responseFromCanonical(ChatResponse response) {
        return AnthropicResponseMapper.fromCanonical(response);
    }

    @Override
    public StreamDecoder streamDecoder(Redactor redactor) {
        return new AnthropicStreamDecoder(redactor);
    }

    @Override
    public PassThroughWatcher passThroughWatcher(Redactor redactor) {
        return new AnthropicPassThroughWatcher(redactor);
    }

    @Override
    public ObjectNode renderError(GatewayError error) {
        return AnthropicErrors.render(error);
    }
}
