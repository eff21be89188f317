package dev.junction.dialect.gemini;

import dev.junction.image.ImageAdapter;
import dev.junction.image.ImageReply;
import dev.junction.image.ImageRequest;
import dev.junction.image.ImageTask;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes images at Google's Gemini API ({@link GeminiImages}): {@code POST <baseUrl>/models/<model>:predict} for
 * Imagen models, {@code :generateContent} with image output for the others (which also edit: the uploaded images go
 * with the prompt). Vertex AI serves the same bodies under a project's publisher model ({@code UpstreamEndpoint}).
 * Never streams: a client that asked for a stream gets the whole answer as events. Stateless; thread safe.
 */
public final class GeminiImageAdapter implements ImageAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;
    private final UpstreamEndpoint endpoint;

    public GeminiImageAdapter(HttpUpstreamClient http, Redactor redactor) {
        this(http, redactor, UpstreamEndpoint.DIRECT);
    }

    /** An adapter whose requests go to {@code endpoint} (Vertex AI) instead of the provider's base URL. */
    public GeminiImageAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint endpoint) {
        this.http = http;
        this.redactor = redactor;
        this.endpoint = endpoint;
    }

    @Override
    public Future<ImageReply> images(ImageRequest request, ProviderConfig provider, String upstreamModel,
                                     String requestId, Propagation trace, Cancellation cancellation) {
        boolean imagen = GeminiImages.imagen(upstreamModel);
        if (request.task() == ImageTask.VARIATION || imagen && request.task() == ImageTask.EDIT) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest("The model '"
                    + upstreamModel + "' at '" + provider.name() + "' cannot make image " + request.task().path()
                    + "; use a Gemini image model for edits.")));
        }
        ObjectNode body = imagen ? GeminiImages.predictBody(request) : GeminiImages.generateContentBody(request);
        provider.params().apply(body);
        UpstreamRequest outgoing = UpstreamRequest.of(UpstreamResource.ModelMethod.google(imagen ? "predict"
                        : "generateContent"), upstreamModel, UpstreamHeaders.of(provider, requestId, false, trace,
                upstreamModel), Buffer.buffer(Json.bytes(body)), false);
        return endpoint.open(provider, outgoing).compose(exchange -> http.send(exchange, provider.timeouts(),
                cancellation)).compose(reply -> JsonReplies.read(reply,
                provider.name(), GeminiErrors::classify, redactor, json -> {
                    var response = imagen ? GeminiImages.fromPredict(json) : GeminiImages.fromGenerateContent(json);
                    if (response.images().isEmpty()) {
                        throw new GatewayException(new GatewayError.BadGateway("The upstream provider '"
                                + provider.name() + "' answered without an image (it may have refused the prompt).",
                                false));
                    }
                    return new ImageReply.Complete(response);
                }));
    }
}
