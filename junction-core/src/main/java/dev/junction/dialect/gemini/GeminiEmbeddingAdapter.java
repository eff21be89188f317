package dev.junction.dialect.gemini;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Embeds at Gemini ({@code POST <baseUrl>/models/{model}:batchEmbedContents}), one call for any number of texts. */
public final class GeminiEmbeddingAdapter implements EmbeddingAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;

    public GeminiEmbeddingAdapter(HttpUpstreamClient http, Redactor redactor) {
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
        var body = GeminiEmbeddings.upstreamBody(request, upstreamModel);
        String url = provider.baseUrl() + "/models/" + URLEncoder.encode(upstreamModel, StandardCharsets.UTF_8)
                + ":batchEmbedContents";
        var exchange = new HttpUpstreamClient.Exchange(url, UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel),
                Buffer.buffer(Json.bytes(body)), false, provider.name(),
                provider.caBundle());
        return http.send(exchange, provider.timeouts(), cancellation).compose(answer -> JsonReplies.read(answer,
                provider.name(), GeminiErrors::classify, redactor,
                reply -> GeminiEmbeddings.upstreamResponse(reply, upstreamModel, request.inputs().size())));
    }
}
