package dev.junction.endpoint.openai;

import dev.junction.dialect.openai.OpenAiEmbeddings;
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

/** {@code POST /v1/embeddings}, routed to any provider that embeds; floats or base64 as the client asks. */
public final class EmbeddingsHandler implements Handler<RoutingContext> {

    private final EmbeddingPipeline pipeline;

    public EmbeddingsHandler(Supplier<GatewayRuntime> runtime) {
        this.pipeline = new EmbeddingPipeline(runtime, ClientDialect.OPENAI);
    }

    @Override
    public void handle(RoutingContext ctx) {
        ObjectNode body;
        EmbeddingRequest request;
        try {
            body = RequestBodies.json(ctx);
            request = OpenAiEmbeddings.toCanonical(body);
        } catch (GatewayException e) {
            pipeline.reject(ctx, RequestContext.record(ctx), e.error());
            return;
        }
        boolean base64 = OpenAiEmbeddings.wantsBase64(body);
        pipeline.run(ctx, request, response -> OpenAiEmbeddings.fromCanonical(response, request.model(), base64));
    }
}
