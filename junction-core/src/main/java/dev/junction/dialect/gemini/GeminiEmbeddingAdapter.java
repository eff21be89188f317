package dev.junction.dialect.gemini;

import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.EmbeddingAdapter;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.RetryAfter;
import dev.junction.upstream.UpstreamFailure;
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
        var body = GeminiEmbeddings.upstreamBody(request, upstreamModel);
        String url = provider.baseUrl() + "/models/" + URLEncoder.encode(upstreamModel, StandardCharsets.UTF_8)
                + ":batchEmbedContents";
        var exchange = new HttpUpstreamClient.Exchange(url, UpstreamHeaders.of(provider, requestId, false),
                Buffer.buffer(Json.bytes(body)), false, provider.name());
        return http.send(exchange, provider.timeouts(), cancellation).compose(reply -> {
            if (!(reply instanceof HttpUpstreamClient.Reply.Body b)) {
                return Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway(
                        "The upstream provider '" + provider.name() + "' answered an embedding request with a stream.",
                        false)));
            }
            if (b.status() >= 400) {
                return Future.failedFuture(new UpstreamFailure(GeminiErrors.classify(b.status(),
                        b.body().toString(StandardCharsets.UTF_8), RetryAfter.of(b.headers()), provider.name(),
                        redactor)));
            }
            try {
                var parsed = Json.tryParse(b.body().getBytes()).orElseThrow(() -> new GatewayException(
                        new GatewayError.BadGateway("The upstream provider '" + provider.name()
                                + "' returned a body that is not JSON.", true)));
                return Future.succeededFuture(GeminiEmbeddings.upstreamResponse(parsed, upstreamModel,
                        request.inputs().size()));
            } catch (GatewayException e) {
                return Future.failedFuture(new UpstreamFailure(e.error()));
            }
        });
    }
}
