package dev.junction.dialect.openai;

import dev.junction.image.ImageAdapter;
import dev.junction.image.ImageReply;
import dev.junction.image.ImageRequest;
import dev.junction.image.ImageTask;
import dev.junction.json.Json;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.MultipartBody;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * Makes images at OpenAI and every OpenAI-compatible server: {@code POST <baseUrl>/images/generations} (JSON),
 * {@code /images/edits} and {@code /images/variations} (multipart, the uploaded files forwarded byte for byte). A
 * request that asks for a stream is streamed when the upstream answers with events. Azure OpenAI serves the same
 * bodies at its own URLs ({@code UpstreamEndpoint}). Stateless; thread safe.
 */
public final class OpenAiImageAdapter implements ImageAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;
    private final UpstreamEndpoint endpoint;
    private final JsonReplies.Classifier errors;

    public OpenAiImageAdapter(HttpUpstreamClient http, Redactor redactor) {
        this(http, redactor, UpstreamEndpoint.DIRECT, OpenAiErrors::classify);
    }

    /**
     * An adapter for a host of OpenAI's Images API that has URLs, credentials or errors of its own (Azure OpenAI).
     *
     * @param endpoint where each request goes and the credential it carries
     * @param errors how the host's error replies are classified
     */
    public OpenAiImageAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint endpoint,
                              JsonReplies.Classifier errors) {
        this.http = http;
        this.redactor = redactor;
        this.endpoint = endpoint;
        this.errors = errors;
    }

    @Override
    public Future<ImageReply> images(ImageRequest request, ProviderConfig provider, String upstreamModel,
                                     String requestId, Propagation trace, Cancellation cancellation) {
        MultiMap headers = UpstreamHeaders.of(provider, requestId, request.stream(), trace, upstreamModel);
        Buffer body;
        if (request.task() == ImageTask.GENERATE) {
            var json = OpenAiImages.upstreamJson(request, upstreamModel);
            provider.params().apply(json);
            body = Buffer.buffer(Json.bytes(json));
        } else {
            MultipartBody form = OpenAiImages.upstreamForm(request, upstreamModel);
            headers.set("content-type", form.contentType());
            body = form.build();
        }
        UpstreamRequest outgoing = UpstreamRequest.of(resource(request.task()), upstreamModel, headers, body,
                request.stream());
        return endpoint.open(provider, outgoing).compose(exchange -> http.send(exchange, provider.timeouts(),
                cancellation)).compose(reply -> {
            if (reply instanceof HttpUpstreamClient.Reply.Stream stream) {
                return Future.succeededFuture(new ImageReply.Streamed(stream.events()));
            }
            return JsonReplies.read(reply, provider.name(), errors, redactor,
                    json -> new ImageReply.Complete(OpenAiImages.upstreamResponse(json)));
        });
    }

    private static UpstreamResource.OpenAi resource(ImageTask task) {
        return switch (task) {
            case GENERATE -> UpstreamResource.OpenAi.IMAGE_GENERATIONS;
            case EDIT -> UpstreamResource.OpenAi.IMAGE_EDITS;
            case VARIATION -> UpstreamResource.OpenAi.IMAGE_VARIATIONS;
        };
    }
}
