package dev.junction.endpoint.anthropic;

import dev.junction.dialect.anthropic.AnthropicRequestMapper;
import dev.junction.dialect.anthropic.AnthropicStreamEncoder;
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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/messages}: validates an Anthropic Messages body, then hands it to the {@link ChatPipeline}. The
 * client's {@code anthropic-version} and {@code anthropic-beta} headers travel with the request, so that an Anthropic
 * upstream sees them again.
 */
public final class MessagesHandler implements Handler<RoutingContext> {

    /** Client headers an Anthropic upstream should see again. */
    static final String[] FORWARDED = {"anthropic-version", "anthropic-beta"};

    private final ChatPipeline pipeline;

    public MessagesHandler(Supplier<GatewayRuntime> runtime) {
        this.pipeline = new ChatPipeline(runtime, ClientDialect.ANTHROPIC);
    }

    @Override
    public void handle(RoutingContext ctx) {
        ObjectNode body;
        ChatRequest request;
        try {
            body = RequestBodies.json(ctx);
            request = AnthropicRequestMapper.toCanonical(body);
        } catch (GatewayException e) {
            pipeline.reject(ctx.response(), RequestContext.record(ctx), e.error());
            return;
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : FORWARDED) {
            String value = ctx.request().getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        pipeline.run(ctx, new ClientRequest(Dialect.ANTHROPIC, body, request, headers),
                new ChatPipeline.StreamFormat(new AnthropicStreamEncoder(), "text/event-stream; charset=utf-8"));
    }
}
