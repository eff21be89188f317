package dev.junction.endpoint.openai;

import dev.junction.dialect.openai.OpenAiEmbeddings;
import dev.junction.endpoint.EmbeddingOperation;
import dev.junction.endpoint.RequestBodies;
import dev.junction.model.EmbeddingRequest;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Pipeline;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /v1/embeddings}, routed to any provider that embeds; floats or base64 as the client asks. */
public final class EmbeddingsHandler implements Handler<RoutingContext> {

    private final Pipeline pipeline;

    public EmbeddingsHandler(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void handle(RoutingContext ctx) {
        pipeline.run(ctx, ClientDialect.OPENAI, () -> {
            ObjectNode body = RequestBodies.json(ctx);
            EmbeddingRequest request = OpenAiEmbeddings.toCanonical(body);
            boolean base64 = OpenAiEmbeddings.wantsBase64(body);
            return new EmbeddingOperation(request,
                    response -> OpenAiEmbeddings.fromCanonical(response, request.model(), base64));
        });
    }
}
