package dev.junction.dialect.responses;

import dev.junction.dialect.DialectCodec;
import dev.junction.dialect.PassThroughWatcher;
import dev.junction.dialect.StreamDecoder;
import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.json.Json;
import dev.junction.json.JsonBytes;
import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Responses dialect as the server relays it. Errors have Chat Completions' envelope. Responses for clients
 * carry the echo fields and seal other providers' reasoning with this codec's {@link ReasoningSeal}; the server
 * builds its own codec with the gateway's seal, {@link #INSTANCE} uses {@link ReasoningSeal#PLAIN}. Stateless and
 * thread safe.
 */
public final class ResponsesCodec implements DialectCodec {

    /** The codec with the {@link ReasoningSeal#PLAIN} seal, for tests and embedded use. */
    public static final ResponsesCodec INSTANCE = new ResponsesCodec(ReasoningSeal.PLAIN);

    private final ReasoningSeal seal;

    /** A codec sealing other providers' reasoning with {@code seal}. */
    public ResponsesCodec(ReasoningSeal seal) {
        this.seal = seal;
    }

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI_RESPONSES;
    }

    @Override
    public ChatResponse responseToCanonical(JsonNode body) {
        return ResponsesResponseMapper.toCanonical(body);
    }

    /**
     * A response body with OpenAI's default echo fields; {@link #responseFromCanonical(ChatResponse, ResponsesEcho)}
     * repeats the client's parameters instead.
     */
    @Override
    public ObjectNode responseFromCanonical(ChatResponse response) {
        return responseFromCanonical(response, ResponsesEcho.defaults());
    }

    /** A response body repeating the client's request parameters. */
    public ObjectNode responseFromCanonical(ChatResponse response, ResponsesEcho echo) {
        return ResponsesResponseMapper.fromCanonical(response, echo, seal);
    }

    /** A stream encoder for a client whose request repeats as {@code echo}. */
    public ResponsesStreamEncoder streamEncoder(ResponsesEcho echo) {
        return new ResponsesStreamEncoder(echo, seal);
    }

    @Override
    public StreamDecoder streamDecoder(Redactor redactor) {
        return new ResponsesStreamDecoder(redactor);
    }

    /** From the top-level status (and reason when incomplete); a function call among the output means tool calls. */
    @Override
    public List<FinishReason> finishReasons(byte[] body) {
        ObjectNode end = Json.object();
        Json.topLevelField(body, "status").ifPresent(s -> end.set("status", s));
        Json.topLevelField(body, "incomplete_details").ifPresent(d -> end.set("incomplete_details", d));
        if (end.isEmpty()) {
            return List.of();
        }
        return List.of(ResponsesStatus.read(end, JsonBytes.stringValues(body, "type").contains("function_call")));
    }

    @Override
    public PassThroughWatcher passThroughWatcher(Redactor redactor) {
        return new ResponsesPassThroughWatcher(redactor);
    }

    @Override
    public ObjectNode renderError(GatewayError error) {
        return OpenAiErrors.render(error);
    }

    /** The seal this codec uses. */
    public ReasoningSeal seal() {
        return seal;
    }
}
