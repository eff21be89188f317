package dev.junction.endpoint.openai;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.dialect.openai.OpenAiStreamEncoder;
import dev.junction.endpoint.RequestBodies;
import dev.junction.endpoint.ChatPipeline;
import dev.junction.endpoint.ClientDialect;
import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayException;
import dev.junction.server.GatewayRuntime;
import dev.junction.server.RequestContext;
import dev.junction.upstream.ClientRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /v1/chat/completions}: validates the body, then hands it to the {@link ChatPipeline}. */
public final class ChatCompletionsHandler implements Handler<RoutingContext> {

    private final ChatPipeline pipeline;

    public ChatCompletionsHandler(Supplier<GatewayRuntime> runtime) {
        this.pipeline = new ChatPipeline(runtime, ClientDialect.OPENAI);
    }

    @Override
    public void handle(RoutingContext ctx) {
        ObjectNode body;
        ChatRequest request;
        try {
            body = RequestBodies.json(ctx);
            request = OpenAiRequestMapper.toCanonical(body);
        } catch (GatewayException e) {
            pipeline.reject(ctx.response(), RequestContext.record(ctx), e.error());
            return;
        }
        pipeline.run(ctx, new ClientRequest(Dialect.OPENAI_CHAT, body, request),
                new ChatPipeline.StreamFormat(new OpenAiStreamEncoder(request.includeUsage()),
                        "text/event-stream; charset=utf-8"));
    }
}
