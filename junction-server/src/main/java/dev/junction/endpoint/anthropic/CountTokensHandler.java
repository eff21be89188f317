package dev.junction.endpoint.anthropic;

import dev.junction.dialect.anthropic.AnthropicRequestMapper;
import dev.junction.endpoint.RequestBodies;
import dev.junction.endpoint.ErrorReplies;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.server.GatewayRuntime;
import dev.junction.tokens.TokenEstimator;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/messages/count_tokens}: the input tokens a Messages request would use, estimated in-process (see
 * {@link TokenEstimator}) so that it answers the same for every upstream and costs no upstream call.
 */
public final class CountTokensHandler implements Handler<RoutingContext> {

    private final Supplier<GatewayRuntime> runtime;

    public CountTokensHandler(Supplier<GatewayRuntime> runtime) {
        this.runtime = runtime;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ChatRequest request;
        try {
            ObjectNode body = RequestBodies.json(ctx);
            if (!body.has("max_tokens")) {
                body.put("max_tokens", 1); // count_tokens takes no max_tokens; the mapper requires one
            }
            request = AnthropicRequestMapper.toCanonical(body);
        } catch (GatewayException e) {
            ErrorReplies.send(ctx, e.error());
            return;
        }
        var resolver = runtime.get().resolver();
        if (resolver.resolve(request.model()).isEmpty()) {
            ErrorReplies.send(ctx, new GatewayError.ModelNotFound(request.model(), resolver.publicModels()));
            return;
        }
        ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.bytes(
                Json.object().put("input_tokens", TokenEstimator.estimate(request)))));
    }
}
