package dev.junction.dialect;

import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the server needs of one wire dialect to relay a reply: complete responses both ways, stream decoding (from an
 * upstream) and encoding (to a client), fast-path watching, and error rendering. Requests are not here: decoding a
 * client request depends on the endpoint (Gemini puts the model in the path), and encoding an upstream request is the
 * provider adapter's job. Implementations are stateless and thread safe; the objects they create are not.
 */
public interface DialectCodec {

    Dialect dialect();

    /** A complete response body of this dialect in canonical form. Throws {@code GatewayException} if unreadable. */
    ChatResponse responseToCanonical(JsonNode body);

    /** A canonical response as this dialect's complete response body. */
    ObjectNode responseFromCanonical(ChatResponse response);

    /** A decoder for an upstream stream of this dialect. */
    StreamDecoder streamDecoder(Redactor redactor);

    /**
     * Why the model stopped, per choice, read from a complete response body of this dialect relayed untouched,
     * without parsing it as a whole (see {@code JsonBytes}); empty when the body does not say.
     */
    List<FinishReason> finishReasons(byte[] body);

    /** A watcher for a stream of this dialect relayed untouched. */
    PassThroughWatcher passThroughWatcher(Redactor redactor);

    /** This dialect's error body for a client. */
    ObjectNode renderError(GatewayError error);
}
