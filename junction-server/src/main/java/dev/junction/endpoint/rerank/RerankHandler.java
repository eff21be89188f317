package dev.junction.endpoint.rerank;

import dev.junction.endpoint.RequestBodies;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Pipeline;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/rerank}, routed to any provider that reranks. */
public final class RerankHandler implements Handler<RoutingContext> {

    private final Pipeline pipeline;

    public RerankHandler(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void handle(RoutingContext ctx) {
        pipeline.run(ctx, ClientDialect.OPENAI, () -> new RerankOperation(RerankJson.request(RequestBodies.json(ctx))));
    }
}
