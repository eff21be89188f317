package dev.junction.rerank;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamHeaders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Ranks at an upstream of one {@link RerankApi}: posts the API's body to {@code <baseUrl>/rerank} and reads its
 * answer, classifying errors with {@code classifier}. The provider's parameter rules apply to the body. Stateless;
 * thread safe.
 */
public record HttpRerankAdapter(HttpUpstreamClient http, Redactor redactor, RerankApi api,
                                JsonReplies.Classifier classifier) implements RerankAdapter {

    @Override
    public Future<RerankResponse> rerank(RerankRequest request, ProviderConfig provider, String upstreamModel,
                                         String requestId, Propagation trace, Cancellation cancellation) {
        var body = api.body(request, upstreamModel);
        provider.params().apply(body);
        var exchange = new HttpUpstreamClient.Exchange(provider.baseUrl() + api.path(),
                UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel), Buffer.buffer(Json.bytes(body)),
                false, provider.name(), provider.caBundle());
        return http.send(exchange, provider.timeouts(), cancellation).compose(reply -> JsonReplies.read(reply,
                provider.name(), classifier, redactor, json -> {
                    try {
                        return api.answer(json, request);
                    } catch (IllegalArgumentException e) {
                        throw new GatewayException(new GatewayError.BadGateway("The upstream provider '"
                                + provider.name() + "' answered a rerank that cannot be read: " + e.getMessage(), false));
                    }
                }));
    }
}
