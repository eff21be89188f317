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
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Embeds at OpenAI and every OpenAI-compatible server ({@code POST <baseUrl>/embeddings}). */
public final class OpenAiEmbeddingAdapter implements EmbeddingAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;
    private final UpstreamEndpoint endpoint;
    private final JsonReplies.Classifier errors;

    public OpenAiEmbeddingAdapter(HttpUpstreamClient http, Redactor redactor) {
        this(http, redactor, UpstreamEndpoint.DIRECT, OpenAiErrors::classify);
    }

    /**
     * An adapter for a host of OpenAI's embeddings API that has URLs, credentials or errors of its own (Azure).
     *
     * @param endpoint where each request goes and the credential it carries
     * @param errors how the host's error replies are classified
     */
    public OpenAiEmbeddingAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint endpoint,
                                  JsonReplies.Classifier errors) {
        this.http = http;
        this.redactor = redactor;
        this.endpoint = endpoint;
        this.errors = errors;
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
        var headers = UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel);
        Buffer bytes = Buffer.buffer(Json.bytes(body));
        return endpoint.open(provider, UpstreamRequest.of(UpstreamResource.OpenAi.EMBEDDINGS, upstreamModel, headers,
                        bytes, false))
                .compose(exchange -> http.send(exchange, provider.timeouts(), cancellation))
                .compose(answer -> JsonReplies.read(answer, provider.name(), errors, redactor,
                reply -> OpenAiEmbeddings.upstreamResponse(reply, request.inputs().size())));
    }
}
