package dev.junction.dialect.gemini;

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
    public List<FinishReason> finishReasons(byte[] body) {
        boolean tools = contains(body, "\"functionCall\"");
        List<FinishReason> found = JsonBytes.stringValues(body, "finishReason").stream()
                .flatMap(v -> GeminiFinishReasons.read(v, tools).stream()).toList();
        return found.isEmpty() && contains(body, "\"blockReason\"") ? List.of(FinishReason.CONTENT_FILTER) : found;
    }

    private static boolean contains(byte[] body, String needle) {
        byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= body.length; i++) {
            for (int k = 0; k < n.length; k++) {
                if (body[i + k] != n[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
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
