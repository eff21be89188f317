package dev.junction.endpoint.gemini;

import dev.junction.dialect.gemini.GeminiEmbeddings;
import dev.junction.endpoint.RequestBodies;
import dev.junction.endpoint.ClientDialect;
import dev.junction.endpoint.EmbeddingPipeline;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.GatewayException;
import dev.junction.server.GatewayRuntime;
import dev.junction.server.RequestContext;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** {@code :embedContent} and {@code :batchEmbedContents}, routed to any provider that embeds. */
public final class EmbedContentHandler implements Handler<RoutingContext> {

    private final EmbeddingPipeline pipeline;

    public EmbedContentHandler(Supplier<GatewayRuntime> runtime) {
        this.pipeline = new EmbeddingPipeline(runtime, ClientDialect.GEMINI);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String model = ctx.pathParam("model");
        boolean batch = ctx.pathParam("method").equals("batchEmbedContents");
        EmbeddingRequest request;
        try {
            ObjectNode body = RequestBodies.json(ctx);
            request = batch ? GeminiEmbeddings.fromBatch(body, model) : GeminiEmbeddings.fromEmbedContent(body, model);
        } catch (GatewayException e) {
            pipeline.reject(ctx, RequestContext.record(ctx), e.error());
            return;
        }
        pipeline.run(ctx, request, batch ? GeminiEmbeddings::batchResponse : GeminiEmbeddings::embedContentResponse);
    }
}
