package dev.junction.dialect.openai;

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
import dev.junction.upstream.UpstreamHeaders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Embeds at OpenAI and every OpenAI-compatible server ({@code POST <baseUrl>/embeddings}). */
public final class OpenAiEmbeddingAdapter implements EmbeddingAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;

    public OpenAiEmbeddingAdapter(HttpUpstreamClient http, Redactor redactor) {
        this.http = http;
        this.redactor = redactor;
    }

    @Override
    public Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                           String requestId, Cancellation cancellation) {
        return embed(request, provider, upstreamModel, requestId, Propagation.NONE, cancellation);
    }

    @Override
    public Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                           String requestId, Propagation trace, Cancellation cancellation) {
        var body = OpenAiEmbeddings.upstreamBody(request, upstreamModel);
        provider.params().apply(body);
        var exchange = new HttpUpstreamClient.Exchange(provider.baseUrl() + "/embeddings",
                UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel), Buffer.buffer(Json.bytes(body)), false,
                provider.name(),
                provider.caBundle());
        return http.send(exchange, provider.timeouts(), cancellation).compose(answer -> JsonReplies.read(answer,
                provider.name(), OpenAiErrors::classify, redactor,
                reply -> OpenAiEmbeddings.upstreamResponse(reply, request.inputs().size())));
    }
}
