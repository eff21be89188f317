package dev.junction.endpoint.responses;

import dev.junction.conversation.Conversations;
import dev.junction.conversation.StoredResponse;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage of the stored-response endpoints: {@code GET /v1/responses/{id}}, {@code DELETE} of it,
 * {@code GET …/input_items} and {@code POST …/cancel}. Each finds the caller's tenant's response by the path's
 * {@code id} (another tenant's, or an expired one, is a 404) and answers in OpenAI's shapes.
 */
public final class StoredResponsesStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger(StoredResponsesStage.class);

    /** What the endpoint does. */
    public enum Action { RETRIEVE, DELETE, INPUT_ITEMS, CANCEL }

    private final Conversations conversations;
    private final Action action;

    public StoredResponsesStage(Conversations conversations, Action action) {
        this.conversations = conversations;
        this.action = action;
    }

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        exchange.record().operation("responses_state");
        String id = exchange.pathParam("id").orElse("");
        String owner = Conversations.owner(exchange.caller().orElseThrow());
        if (action == Action.DELETE) {
            return exchange.onContext(conversations.delete(id, owner)).transform(ar -> answer(exchange, ar.failed()
                    ? Optional.of(ar.cause()) : Optional.empty(), () -> ar.result()
                    ? new Reply.Json(Json.object().put("id", id).put("object", "response").put("deleted", true))
                    : notFound(id)));
        }
        return exchange.onContext(conversations.find(id, owner)).transform(ar -> answer(exchange,
                ar.failed() ? Optional.of(ar.cause()) : Optional.empty(),
                () -> ar.result().map(found -> answer(exchange, found)).orElseGet(() -> notFound(id))));
    }

    private Reply answer(Exchange exchange, StoredResponse found) {
        return switch (action) {
            case RETRIEVE -> new Reply.Json(Json.MAPPER.readTree(found.response()));
            case INPUT_ITEMS -> new Reply.Json(InputItemsPage.of(found, exchange::query));
            case CANCEL -> new Reply.Refused(new GatewayError.InvalidRequest("Only background responses can be "
                    + "cancelled; this gateway answers every response in the foreground."));
            case DELETE -> throw new IllegalStateException("handled before");
        };
    }

    private static Reply notFound(String id) {
        return new Reply.Refused(new GatewayError.NotFound("Response with id '" + id + "' not found."));
    }

    private static Future<Reply> answer(Exchange exchange, Optional<Throwable> failure,
                                        Supplier<Reply> reply) {
        if (failure.isEmpty()) {
            try {
                return Future.succeededFuture(reply.get());
            } catch (GatewayException e) {
                return Future.succeededFuture(new Reply.Refused(e.error()));
            }
        }
        LOG.error("Could not read stored responses for request {}", exchange.requestId(), failure.get());
        return Future.succeededFuture(new Reply.Refused(new GatewayError.Unavailable(
                "Stored responses cannot be read right now; try again shortly.", Optional.empty())));
    }
}
