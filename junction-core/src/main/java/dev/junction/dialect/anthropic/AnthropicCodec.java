package dev.junction.dialect.anthropic;

import dev.junction.dialect.DialectCodec;
import dev.junction.dialect.PassThroughWatcher;
import dev.junction.dialect.StreamDecoder;
import dev.junction.json.JsonBytes;
import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.util.List;
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

    /** The top-level stop reason comes after the content, so the last one found is it (a tool's input may hold one). */
    @Override
    public List<FinishReason> finishReasons(byte[] body) {
        List<String> found = JsonBytes.stringValues(body, "stop_reason");
        return found.isEmpty() ? List.of() : AnthropicStopReasons.read(found.getLast()).map(List::of)
                .orElse(List.of());
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
