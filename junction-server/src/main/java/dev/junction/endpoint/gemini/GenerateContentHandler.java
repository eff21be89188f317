package dev.junction.endpoint.gemini;

import dev.junction.dialect.gemini.GeminiRequestMapper;
import dev.junction.dialect.gemini.GeminiStreamEncoder;
import dev.junction.endpoint.RequestBodies;
import dev.junction.endpoint.ChatPipeline;
import dev.junction.endpoint.ClientDialect;
import dev.junction.endpoint.ErrorReplies;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.server.GatewayRuntime;
import dev.junction.server.RequestContext;
import dev.junction.tokens.TokenEstimator;
import dev.junction.upstream.ClientRequest;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1beta/models/{model}:{method}} for the generation methods: {@code generateContent},
 * {@code streamGenerateContent} (SSE with {@code ?alt=sse}, otherwise the JSON-array stream Google's REST API returns)
 * and {@code countTokens}. The model comes from the path, with or without a {@code models/} prefix.
 */
public final class GenerateContentHandler implements Handler<RoutingContext> {

    private final Supplier<GatewayRuntime> runtime;
    private final ChatPipeline pipeline;
    private final Handler<RoutingContext> embeddings;

    public GenerateContentHandler(Supplier<GatewayRuntime> runtime, Handler<RoutingContext> embeddings) {
        this.runtime = runtime;
        this.pipeline = new ChatPipeline(runtime, ClientDialect.GEMINI);
        this.embeddings = embeddings;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String model = ctx.pathParam("model");
        String method = ctx.pathParam("method");
        switch (method) {
            case "generateContent" -> generate(ctx, model, false);
            case "streamGenerateContent" -> generate(ctx, model, true);
            case "countTokens" -> countTokens(ctx, model);
            case "embedContent", "batchEmbedContents" -> embeddings.handle(ctx);
            default -> ErrorReplies.send(ctx, new GatewayError.NotFound("Unknown method '" + method
                    + "': expected generateContent, streamGenerateContent, countTokens, embedContent or "
                    + "batchEmbedContents."));
        }
    }

    private void generate(RoutingContext ctx, String model, boolean stream) {
        ObjectNode body;
        ChatRequest request;
        try {
            body = RequestBodies.json(ctx);
            request = GeminiRequestMapper.toCanonical(body, model, stream);
        } catch (GatewayException e) {
            pipeline.reject(ctx.response(), RequestContext.record(ctx), e.error());
            return;
        }
        boolean sse = "sse".equals(ctx.request().getParam("alt"));
        pipeline.run(ctx, new ClientRequest(Dialect.GEMINI, body, request), new ChatPipeline.StreamFormat(
                new GeminiStreamEncoder(sse), sse ? "text/event-stream" : "application/json; charset=UTF-8", sse));
    }

    private void countTokens(RoutingContext ctx, String model) {
        ChatRequest request;
        try {
            ObjectNode body = RequestBodies.json(ctx);
            JsonNode inner = body.get("generateContentRequest");
            request = GeminiRequestMapper.toCanonical(inner instanceof ObjectNode o ? o : body, model, false);
        } catch (GatewayException e) {
            ErrorReplies.send(ctx, e.error());
            return;
        }
        var resolver = runtime.get().resolver();
        if (resolver.resolve(model).isEmpty()) {
            ErrorReplies.send(ctx, new GatewayError.ModelNotFound(model, resolver.publicModels()));
            return;
        }
        ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.bytes(
                Json.object().put("totalTokens", TokenEstimator.estimate(request)))));
    }
}
