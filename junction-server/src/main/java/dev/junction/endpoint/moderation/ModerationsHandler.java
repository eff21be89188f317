package dev.junction.endpoint.moderation;

import dev.junction.dialect.openai.OpenAiLegacyOps;
import dev.junction.endpoint.RequestBodies;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Pipeline;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/moderations}, routed to any OpenAI-compatible provider. */
public final class ModerationsHandler implements Handler<RoutingContext> {

    private final Pipeline pipeline;

    public ModerationsHandler(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void handle(RoutingContext ctx) {
        pipeline.run(ctx, ClientDialect.OPENAI,
                () -> new ModerationOperation(OpenAiLegacyOps.moderation(RequestBodies.json(ctx))));
    }
}
