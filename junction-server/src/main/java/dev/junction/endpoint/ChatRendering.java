package dev.junction.endpoint;

import dev.junction.model.ChatResponse;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a chat answer is rendered for one client, beyond its stream format: the complete body made from a canonical
 * response, whether an upstream of the client's own dialect may be relayed as its bytes, and what must happen before
 * the answer's last byte leaves (a conversation store filing it, so that the client's next turn finds it).
 *
 * @param body the complete body for a canonical response
 * @param passThrough whether a same-dialect upstream's body or stream may go out as received (the fast path)
 * @param beforeEnd called once before a successful answer ends, with the complete body when one was rendered
 *     (empty for streams and relayed bytes); the response ends when the future completes, however it completes
 */
public record ChatRendering(Function<ChatResponse, ObjectNode> body, boolean passThrough,
                            Function<Optional<ObjectNode>, Future<Void>> beforeEnd) {

    /** The default for a client dialect: its codec's body, the fast path, nothing before the end. */
    public static ChatRendering standard(Function<ChatResponse, ObjectNode> body) {
        return new ChatRendering(body, true, b -> Future.succeededFuture());
    }
}
