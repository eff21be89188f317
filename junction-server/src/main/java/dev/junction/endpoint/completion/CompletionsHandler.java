package dev.junction.endpoint.completion;

import dev.junction.dialect.openai.OpenAiLegacyOps;
import dev.junction.endpoint.RequestBodies;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Pipeline;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/completions}, routed to any OpenAI-compatible provider. */
public final class CompletionsHandler implements Handler<RoutingContext> {

    private final Pipeline pipeline;

    public CompletionsHandler(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void handle(RoutingContext ctx) {
        pipeline.run(ctx, ClientDialect.OPENAI,
                () -> new CompletionOperation(OpenAiLegacyOps.completion(RequestBodies.json(ctx))));
    }
}
