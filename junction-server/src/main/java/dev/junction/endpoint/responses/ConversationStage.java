package dev.junction.endpoint.responses;

import dev.junction.conversation.Conversations;
import dev.junction.conversation.StoredResponse;
import dev.junction.governance.Caller;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Responses API's conversation state, between decoding and routing: a turn that names a
 * {@code previous_response_id} gets the stored conversation before it (a 404 when the caller's tenant has no such
 * response), so that limits, budgets and the upstream see the whole of it; a turn the client stores is filed, with
 * its conversation, before its answer's last byte leaves. Lookups and writes run on the database's threads.
 */
public final class ConversationStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationStage.class);

    private final Conversations conversations;

    public ConversationStage(Conversations conversations) {
        this.conversations = conversations;
    }

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        if (!(exchange.operation() instanceof ResponsesOperation turn)) {
            return chain.proceed(exchange);
        }
        Caller caller = exchange.caller().orElseThrow(() -> new IllegalStateException("authentication did not run"));
        String owner = Conversations.owner(caller);
        Future<ResponsesOperation> restored = turn.options().previousResponseId()
                .map(previous -> exchange.onContext(conversations.find(previous, owner)).map(found -> turn
                        .continuing(found.orElseThrow(() -> new GatewayException(new GatewayError.NotFound(
                                "Previous response with id '" + previous + "' not found."))))))
                .orElseGet(() -> Future.succeededFuture(turn));
        return restored.transform(ar -> {
            if (ar.failed()) {
                return Future.succeededFuture(new Reply.Refused(refusal(exchange, ar.cause())));
            }
            ResponsesOperation next = ar.result();
            if (next.options().store()) {
                next = next.storing((operation, response) -> file(exchange, caller, owner, operation, response));
            }
            exchange.operation(next);
            return chain.proceed(exchange);
        });
    }

    private GatewayError refusal(Exchange exchange, Throwable cause) {
        if (cause instanceof GatewayException e) {
            return e.error();
        }
        LOG.error("Could not read the stored conversation of request {}", exchange.requestId(), cause);
        return new GatewayError.Unavailable("Stored responses cannot be read right now; try again shortly.",
                Optional.empty());
    }

    private Future<Void> file(Exchange exchange, Caller caller, String owner, ResponsesOperation operation,
                              ObjectNode response) {
        Instant now = conversations.now();
        StoredResponse stored = new StoredResponse(operation.id(), owner, caller.attribution().keyId(),
                operation.model(), now, now.plus(conversations.settings().retention()),
                operation.inputItems().toString(), operation.turnInputCount(), response.toString());
        if (stored.size() > conversations.settings().maxStoredBytes()) {
            LOG.warn("Response {} of request {} was not stored: its conversation ({} bytes) is larger than "
                    + "responses.max_stored_size", operation.id(), exchange.requestId(), stored.size());
            return Future.succeededFuture();
        }
        return exchange.onContext(conversations.save(stored)).otherwise(e -> {
            LOG.error("Could not store response {} of request {}", operation.id(), exchange.requestId(), e);
            return null;
        });
    }
}
