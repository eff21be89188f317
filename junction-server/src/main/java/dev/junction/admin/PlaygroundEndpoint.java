package dev.junction.admin;

import dev.junction.endpoint.RequestBodies;
import dev.junction.endpoint.openai.ChatCompletionsHandler;
import dev.junction.model.GatewayException;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Pipeline;
import dev.junction.stage.playground.DeploymentPinStage;
import dev.junction.stage.playground.PlaygroundStage;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/admin/playground/chat/completions}: a Chat Completions request of an operator, run through the
 * playground's pipeline (the routed one, with the operator as its caller; see {@link PlaygroundStage}). Mounted behind
 * the admin API's authentication, which put the operator's {@link Actor} on the request. Answers and errors are
 * OpenAI's, streamed or not, like {@code /v1/chat/completions}; {@value DeploymentPinStage#FIELD} may name one
 * deployment of the route, and is not sent upstream.
 */
final class PlaygroundEndpoint implements Handler<RoutingContext> {

    static final String PATH = "/api/admin/playground/chat/completions";

    private final Pipeline pipeline;

    PlaygroundEndpoint(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String operator = StoredConfigResource.actor(ctx);
        pipeline.run(ctx, ClientDialect.OPENAI, () -> {
            ObjectNode body = RequestBodies.json(ctx);
            JsonNode pin = body.remove(DeploymentPinStage.FIELD);
            if (pin != null && !pin.isString() && !pin.isNull()) {
                throw GatewayException.invalid(DeploymentPinStage.FIELD, "'" + DeploymentPinStage.FIELD
                        + "' must be a deployment id (a string).");
            }
            return ChatCompletionsHandler.decode(body);
        }, exchange -> exchange.attach(PlaygroundStage.OPERATOR, operator));
    }
}
