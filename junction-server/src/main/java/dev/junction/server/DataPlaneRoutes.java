package dev.junction.server;

import dev.junction.audio.TranscriptionRequest;
import dev.junction.endpoint.anthropic.MessagesHandler;
import dev.junction.endpoint.audio.SpeechHandler;
import dev.junction.endpoint.audio.TranscriptionHandler;
import dev.junction.endpoint.completion.CompletionsHandler;
import dev.junction.endpoint.moderation.ModerationsHandler;
import dev.junction.endpoint.gemini.EmbedContentHandler;
import dev.junction.endpoint.gemini.GenerateContentHandler;
import dev.junction.endpoint.openai.ChatCompletionsHandler;
import dev.junction.endpoint.openai.EmbeddingsHandler;
import dev.junction.endpoint.responses.ResponsesHandler;
import dev.junction.endpoint.responses.StoredResponsesStage;
import dev.junction.model.GatewayError;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.ErrorReplies;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Pipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import dev.junction.endpoint.images.ImagesHandler;
import dev.junction.endpoint.rerank.RerankHandler;
import dev.junction.image.ImageTask;
import java.util.List;

/**
 * The data plane's endpoints, each handed to its pipeline: the OpenAI (chat, embeddings, audio, moderations, legacy
 * completions), Responses, Anthropic and Gemini surfaces and the informational endpoints. Registered in a {@link MethodTable}, so that a known path asked with another method is
 * a 405 naming the methods it takes. Assembly only.
 */
final class DataPlaneRoutes {

    /** The informational endpoints take no body. */
    private static final Exchange.Decoder NO_BODY = () -> {
        throw new IllegalStateException("This endpoint has no body to decode");
    };

    private final Pipelines pipelines;
    private final BodyHandler body;
    private final long maxBodyBytes;
    private final Handler<RoutingContext> uploads;

    /**
     * @param maxBodyBytes the most bytes of files a multipart image upload may hold (the body limit)
     * @param uploads receives multipart audio uploads to disk ({@link TranscriptionHandler#intake})
     */
    DataPlaneRoutes(Pipelines pipelines, BodyHandler body, long maxBodyBytes, Handler<RoutingContext> uploads) {
        this.pipelines = pipelines;
        this.body = body;
        this.maxBodyBytes = maxBodyBytes;
        this.uploads = uploads;
    }

    /** Registers every data-plane endpoint in {@code endpoints}; returns it. */
    MethodTable mount(MethodTable endpoints) {
        Pipeline routed = pipelines.routed();
        Pipeline modelList = pipelines.modelList();
        Pipeline modelLookup = pipelines.modelLookup();
        endpoints.exact(HttpMethod.POST, "/v1/chat/completions").handler(body)
                .handler(new ChatCompletionsHandler(routed));
        endpoints.exact(HttpMethod.POST, "/v1/embeddings").handler(body).handler(new EmbeddingsHandler(routed));
        endpoints.exact(HttpMethod.POST, "/v1/images/generations").handler(body)
                .handler(new ImagesHandler(routed, ImageTask.GENERATE, maxBodyBytes));
        // Uploads are read by the handler itself (Vert.x's multipart decoder, within the body limit)
        endpoints.exact(HttpMethod.POST, "/v1/images/edits")
                .handler(new ImagesHandler(routed, ImageTask.EDIT, maxBodyBytes));
        endpoints.exact(HttpMethod.POST, "/v1/images/variations")
                .handler(new ImagesHandler(routed, ImageTask.VARIATION, maxBodyBytes));
        endpoints.exact(HttpMethod.POST, "/v1/rerank").handler(body).handler(new RerankHandler(routed));
        endpoints.exact(HttpMethod.POST, "/v1/audio/speech").handler(body).handler(new SpeechHandler(routed));
        endpoints.exact(HttpMethod.POST, "/v1/audio/transcriptions").handler(uploads)
                .handler(new TranscriptionHandler(routed, TranscriptionRequest.Task.TRANSCRIPTION));
        endpoints.exact(HttpMethod.POST, "/v1/audio/translations").handler(uploads)
                .handler(new TranscriptionHandler(routed, TranscriptionRequest.Task.TRANSLATION));
        endpoints.exact(HttpMethod.POST, "/v1/moderations").handler(body).handler(new ModerationsHandler(routed));
        endpoints.exact(HttpMethod.POST, "/v1/completions").handler(body).handler(new CompletionsHandler(routed));
        endpoints.exact(HttpMethod.POST, "/v1/messages").handler(body).handler(new MessagesHandler(routed, false));
        endpoints.exact(HttpMethod.POST, "/v1/messages/count_tokens").handler(body)
                .handler(new MessagesHandler(pipelines.counting("input_tokens"), true));
        endpoints.exact(HttpMethod.POST, "/v1/responses").handler(body)
                .handler(new ResponsesHandler(pipelines.responses()));
        endpoints.exact(HttpMethod.POST, "/v1/responses/input_tokens").handler(body)
                .handler(new ResponsesHandler(pipelines.responsesCounting()));
        String response = "/v1/responses/(?<id>resp_[A-Za-z0-9_-]+)";
        stored(endpoints, HttpMethod.GET, response, StoredResponsesStage.Action.RETRIEVE);
        stored(endpoints, HttpMethod.DELETE, response, StoredResponsesStage.Action.DELETE);
        stored(endpoints, HttpMethod.GET, response + "/input_items", StoredResponsesStage.Action.INPUT_ITEMS);
        stored(endpoints, HttpMethod.POST, response + "/cancel", StoredResponsesStage.Action.CANCEL);
        Pipeline me = pipelines.me();
        endpoints.exact(HttpMethod.GET, "/v1/me").handler(ctx -> me.run(ctx, ClientDialect.of(ctx), NO_BODY));
        endpoints.exact(HttpMethod.GET, "/v1/models")
                .handler(ctx -> modelList.run(ctx, ClientDialect.of(ctx), NO_BODY));
        endpoints.regex(HttpMethod.GET, "/v1/models/(?<model>.+)")
                .handler(ctx -> modelLookup.run(ctx, ClientDialect.of(ctx), NO_BODY));

        endpoints.regex(HttpMethod.POST, "/v1beta/models/(?<model>[^:]+):(?<method>[A-Za-z]+)").handler(body)
                .handler(new GenerateContentHandler(routed, pipelines.counting("totalTokens"),
                        new EmbedContentHandler(routed)));
        endpoints.exact(HttpMethod.GET, "/v1beta/models")
                .handler(ctx -> modelList.run(ctx, ClientDialect.GEMINI, NO_BODY));
        endpoints.regex(HttpMethod.GET, "/v1beta/(?<model>models/.+)")
                .handler(ctx -> modelLookup.run(ctx, ClientDialect.GEMINI, NO_BODY));
        return endpoints;
    }

    private void stored(MethodTable endpoints, HttpMethod method, String regex, StoredResponsesStage.Action action) {
        Pipeline pipeline = pipelines.storedResponses(action);
        endpoints.regex(method, regex).handler(ctx -> pipeline.run(ctx, ClientDialect.RESPONSES, NO_BODY));
    }

    /** A known path asked with another method is 405 with {@code Allow}; anything else under the API is 404. */
    static void unknown(RoutingContext ctx, MethodTable endpoints) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        List<String> allowed = endpoints.allowed(path);
        if (allowed.isEmpty()) {
            ErrorReplies.send(ctx, new GatewayError.NotFound("Unknown path: " + method + " " + path));
            return;
        }
        ctx.response().putHeader("allow", String.join(", ", allowed));
        ErrorReplies.send(ctx, new GatewayError.MethodNotAllowed("Method " + method + " is not allowed on " + path
                + "; use " + String.join(" or ", allowed) + "."));
    }
}
