package dev.junction.dialect.vertex;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every Vertex request does: find the provider's {@link VertexPlatform}, get its access token, and build the exchange
 * with the token as the bearer credential (set last, over any configured header). Stateless apart from the token
 * sources; thread safe.
 */
final class VertexExchanges {

    private final VertexTokenSources tokens;

    VertexExchanges(VertexTokenSources tokens) {
        this.tokens = tokens;
    }

    /**
     * The exchange of {@code body} to the URL {@code url} gives for the provider's platform, with {@code headers}
     * (made fresh for this exchange) and the platform's access token.
     */
    Future<HttpUpstreamClient.Exchange> authorized(ProviderConfig provider, ObjectNode body, boolean stream,
                                                   Function<VertexPlatform, String> url, MultiMap headers) {
        if (!(provider.platform() instanceof VertexPlatform platform)) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.Internal(
                    "The provider '" + provider.name() + "' is not configured for Vertex AI.")));
        }
        Buffer bytes = Buffer.buffer(Json.bytes(body));
        return tokens.of(platform.credentials()).token(provider.name()).map(token -> {
            headers.set("authorization", "Bearer " + token);
            return new HttpUpstreamClient.Exchange(url.apply(platform), headers, bytes, stream, provider.name(),
                    provider.caBundle());
        });
    }
}
