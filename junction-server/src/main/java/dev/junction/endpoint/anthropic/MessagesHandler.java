package dev.junction.endpoint.anthropic;

import dev.junction.dialect.anthropic.AnthropicRequestMapper;
import dev.junction.dialect.anthropic.AnthropicStreamEncoder;
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
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/messages} (and, with a counting pipeline, {@code /v1/messages/count_tokens}): an Anthropic Messages
 * body, run through the pipeline it is given. The client's {@code anthropic-version} and {@code anthropic-beta}
 * headers travel with the request, so that an Anthropic upstream sees them again.
 */
public final class MessagesHandler implements Handler<RoutingContext> {

    /** Client headers an Anthropic upstream should see again. */
    static final String[] FORWARDED = {"anthropic-version", "anthropic-beta"};

    private final Pipeline pipeline;
    private final boolean counting;

    /**
     * @param counting whether the body is a {@code count_tokens} request, which carries no {@code max_tokens}
     */
    public MessagesHandler(Pipeline pipeline, boolean counting) {
        this.pipeline = pipeline;
        this.counting = counting;
    }

    @Override
    public void handle(RoutingContext ctx) {
        pipeline.run(ctx, ClientDialect.ANTHROPIC, () -> {
            ObjectNode body = RequestBodies.json(ctx);
            if (counting && !body.has("max_tokens")) {
                body.put("max_tokens", 1); // count_tokens takes no max_tokens; the mapper requires one
            }
            ChatRequest request = AnthropicRequestMapper.toCanonical(body);
            Map<String, String> headers = new HashMap<>();
            for (String name : FORWARDED) {
                String value = ctx.request().getHeader(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            return new ChatOperation(new ClientRequest(Dialect.ANTHROPIC, body, request, headers),
                    ClientDialect.ANTHROPIC, new StreamFormat(new AnthropicStreamEncoder(),
                            "text/event-stream; charset=utf-8"));
        });
    }
}
