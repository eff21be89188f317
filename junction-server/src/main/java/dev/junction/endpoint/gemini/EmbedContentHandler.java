package dev.junction.endpoint.gemini;

import dev.junction.dialect.gemini.GeminiEmbeddings;
import dev.junction.endpoint.EmbeddingOperation;
import dev.junction.endpoint.RequestBodies;
import dev.junction.model.EmbeddingRequest;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Pipeline;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import tools.jackson.databind.node.ObjectNode;

/** {@code :embedContent} and {@code :batchEmbedContents}, routed to any provider that embeds. */
public final class EmbedContentHandler implements Handler<RoutingContext> {

    private final Pipeline pipeline;

    public EmbedContentHandler(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String model = ctx.pathParam("model");
        boolean batch = ctx.pathParam("method").equals("batchEmbedContents");
        pipeline.run(ctx, ClientDialect.GEMINI, () -> {
            ObjectNode body = RequestBodies.json(ctx);
            EmbeddingRequest request = batch ? GeminiEmbeddings.fromBatch(body, model)
                    : GeminiEmbeddings.fromEmbedContent(body, model);
            return new EmbeddingOperation(request,
                    batch ? GeminiEmbeddings::batchResponse : GeminiEmbeddings::embedContentResponse);
        });
    }
}
