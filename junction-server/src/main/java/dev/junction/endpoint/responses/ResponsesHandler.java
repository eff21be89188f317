package dev.junction.endpoint.responses;

import dev.junction.endpoint.RequestBodies;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Pipeline;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/responses} (and, with a counting pipeline, {@code POST /v1/responses/input_tokens}): a Responses
 * API body, run through the pipeline it is given; reasoning sealed by the gateway is opened with the runtime's seal.
 */
public final class ResponsesHandler implements Handler<RoutingContext> {

    private final Pipeline pipeline;

    public ResponsesHandler(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void handle(RoutingContext ctx) {
        var seal = pipeline.runtime().reasoningSeal();
        pipeline.run(ctx, ClientDialect.RESPONSES, () -> ResponsesOperation.decode(RequestBodies.json(ctx), seal));
    }
}
