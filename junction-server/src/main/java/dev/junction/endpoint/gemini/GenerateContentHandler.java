package dev.junction.endpoint.gemini;

import dev.junction.dialect.gemini.GeminiRequestMapper;
import dev.junction.dialect.gemini.GeminiStreamEncoder;
import dev.junction.endpoint.ChatOperation;
import dev.junction.endpoint.RequestBodies;
import dev.junction.endpoint.StreamFormat;
import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.ErrorReplies;
import dev.junction.pipeline.Pipeline;
import dev.junction.upstream.ClientRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1beta/models/{model}:{method}} for the generation methods: {@code generateContent},
 * {@code streamGenerateContent} (SSE with {@code ?alt=sse}, otherwise the JSON-array stream Google's REST API returns)
 * and {@code countTokens}. The model comes from the path, with or without a {@code models/} prefix.
 */
public final class GenerateContentHandler implements Handler<RoutingContext> {

    private final Pipeline routed;
    private final Pipeline counting;
    private final Handler<RoutingContext> embeddings;

    /**
     * @param routed the pipeline of routed operations
     * @param counting the pipeline that answers {@code countTokens}
     * @param embeddings answers {@code embedContent} and {@code batchEmbedContents}
     */
    public GenerateContentHandler(Pipeline routed, Pipeline counting, Handler<RoutingContext> embeddings) {
        this.routed = routed;
        this.counting = counting;
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
        routed.run(ctx, ClientDialect.GEMINI, () -> operation(ctx, RequestBodies.json(ctx), model, stream));
    }

    private void countTokens(RoutingContext ctx, String model) {
        counting.run(ctx, ClientDialect.GEMINI, () -> {
            ObjectNode body = RequestBodies.json(ctx);
            JsonNode inner = body.get("generateContentRequest");
            return operation(ctx, inner instanceof ObjectNode o ? o : body, model, false);
        });
    }

    private static ChatOperation operation(RoutingContext ctx, ObjectNode body, String model, boolean stream) {
        ChatRequest request = GeminiRequestMapper.toCanonical(body, model, stream);
        boolean sse = "sse".equals(ctx.request().getParam("alt"));
        return new ChatOperation(new ClientRequest(Dialect.GEMINI, body, request), ClientDialect.GEMINI,
                new StreamFormat(new GeminiStreamEncoder(sse), sse ? "text/event-stream" : "application/json; charset=UTF-8",
                        sse));
    }
}
