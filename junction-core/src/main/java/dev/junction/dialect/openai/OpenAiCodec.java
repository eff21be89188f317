package dev.junction.dialect.openai;

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

/** The Chat Completions dialect as the server relays it. Stateless. */
public final class OpenAiCodec implements DialectCodec {

    public static final OpenAiCodec INSTANCE = new OpenAiCodec();

    private OpenAiCodec() {}

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI_CHAT;
    }

    @Override
    public ChatResponse responseToCanonical(JsonNode body) {
        return OpenAiResponseMapper.toCanonical(body);
    }

    @Override
    public ObjectNode responseFromCanonical(ChatResponse response) {
        return OpenAiResponseMapper.fromCanonical(response);
    }

    @Override
    public StreamDecoder streamDecoder(Redactor redactor) {
        return new OpenAiStreamDecoder(redactor);
    }

    @Override
    public List<FinishReason> finishReasons(byte[] body) {
        return JsonBytes.stringValues(body, "finish_reason").stream().flatMap(v -> OpenAiFinishReasons.read(v)
                .stream()).toList();
    }

    @Override
    public PassThroughWatcher passThroughWatcher(Redactor redactor) {
        return new OpenAiPassThroughWatcher(redactor);
    }

    @Override
    public ObjectNode renderError(GatewayError error) {
        return OpenAiErrors.render(error);
    }
}
