package dev.junction.dialect.vertex;

import dev.junction.dialect.gemini.GeminiErrors;
import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.EmbeddingAdapter;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds at Vertex AI through {@code :predict} ({@link VertexEmbeddings}): one request for a whole batch, or one per
 * text for the models that take a single instance, sent concurrently and joined in input order. Errors are
 * classified as Gemini's (Google's envelope). Thread safe.
 */
final class VertexEmbeddingAdapter implements EmbeddingAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;
    private final UpstreamEndpoint endpoint;

    VertexEmbeddingAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint endpoint) {
        this.http = http;
        this.redactor = redactor;
        this.endpoint = endpoint;
    }

    @Override
    public Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                           String requestId, Cancellation cancellation) {
        return embed(request, provider, upstreamModel, requestId, Propagation.NONE, cancellation);
    }

    @Override
    public Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                           String requestId, Propagation trace, Cancellation cancellation) {
        List<List<String>> batches = VertexEmbeddings.oneTextPerRequest(upstreamModel)
                ? request.inputs().stream().map(List::of).toList()
                : List.of(request.inputs());
        List<Future<EmbeddingResponse>> parts = new ArrayList<>();
        for (List<String> texts : batches) {
            parts.add(endpoint.open(provider, UpstreamRequest.of(UpstreamResource.ModelMethod.google("predict"),
                            upstreamModel, UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel),
                            Buffer.buffer(Json.bytes(VertexEmbeddings.body(request, texts))), false))
                    .compose(exchange -> http.send(exchange, provider.timeouts(), cancellation))
                    .compose(reply -> JsonReplies.read(reply, provider.name(), GeminiErrors::classify, redactor,
                            body -> VertexEmbeddings.response(body, upstreamModel, texts.size()))));
        }
        return Future.all(parts).map(all -> VertexEmbeddings.join(upstreamModel, all.list()));
    }
}
