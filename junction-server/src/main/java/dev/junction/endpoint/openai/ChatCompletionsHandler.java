package dev.junction.endpoint.openai;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.dialect.openai.OpenAiStreamEncoder;
import dev.junction.endpoint.ChatOperation;
import dev.junction.endpoint.RequestBodies;
import dev.junction.endpoint.StreamFormat;
import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Pipeline;
import dev.junction.upstream.ClientRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /v1/chat/completions}: a Chat Completions body, run through the routed pipeline. */
public final class ChatCompletionsHandler implements Handler<RoutingContext> {

    private final Pipeline pipeline;

    public ChatCompletionsHandler(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void handle(RoutingContext ctx) {
        pipeline.run(ctx, ClientDialect.OPENAI, () -> decode(RequestBodies.json(ctx)));
    }

    /** A Chat Completions body as its operation; throws a {@code GatewayException} (400) when it is not valid. */
    public static ChatOperation decode(ObjectNode body) {
        ChatRequest request = OpenAiRequestMapper.toCanonical(body);
        return new ChatOperation(new ClientRequest(Dialect.OPENAI_CHAT, body, request), ClientDialect.OPENAI,
                new StreamFormat(new OpenAiStreamEncoder(request.includeUsage()), "text/event-stream; charset=utf-8"));
    }
}
