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
import dev.junction.upstream.UpstreamHeaders;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * Makes images at OpenAI and every OpenAI-compatible server: {@code POST <baseUrl>/images/generations} (JSON),
 * {@code /images/edits} and {@code /images/variations} (multipart, the uploaded files forwarded byte for byte). A
 * request that asks for a stream is streamed when the upstream answers with events. Stateless; thread safe.
 */
public final class OpenAiImageAdapter implements ImageAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;

    public OpenAiImageAdapter(HttpUpstreamClient http, Redactor redactor) {
        this.http = http;
        this.redactor = redactor;
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
        String url = provider.baseUrl() + "/images/" + request.task().path();
        return http.send(new HttpUpstreamClient.Exchange(url, headers, body, request.stream(), provider.name(),
                provider.caBundle()), provider.timeouts(), cancellation).compose(reply -> {
            if (reply instanceof HttpUpstreamClient.Reply.Stream stream) {
                return Future.succeededFuture(new ImageReply.Streamed(stream.events()));
            }
            return JsonReplies.read(reply, provider.name(), OpenAiErrors::classify, redactor,
                    json -> new ImageReply.Complete(OpenAiImages.upstreamResponse(json)));
        });
    }
}
