package dev.junction.dialect.vertex;

import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Google Vertex AI as an {@link UpstreamEndpoint}: a publisher's model methods under
 * {@code /v1/projects/{p}/locations/{l}/publishers/{publisher}/models/{m}:{method}} (Gemini's
 * {@code generateContent}, {@code streamGenerateContent?alt=sse}, {@code predict} for embeddings and Imagen), and
 * Anthropic's Messages as Claude's {@code :rawPredict} / {@code :streamRawPredict}; the credential is the platform's
 * Google access token as the bearer (set last, over any configured header), from {@link VertexTokenSources}. Thread
 * safe.
 */
public final class VertexEndpoint implements UpstreamEndpoint {

    private final VertexTokenSources tokens;

    /** @param tokens the Google token sources, one per credentials, kept in the server's registry */
    public VertexEndpoint(VertexTokenSources tokens) {
        this.tokens = tokens;
    }

    @Override
    public Future<HttpUpstreamClient.Exchange> open(ProviderConfig provider, UpstreamRequest request) {
        if (!(provider.platform() instanceof VertexPlatform platform)) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.Internal(
                    "The provider '" + provider.name() + "' is not configured for Vertex AI.")));
        }
        Optional<String> url = url(platform, request.resource(), request.model());
        if (url.isEmpty()) {
            return UpstreamEndpoint.notHosted(provider, "Vertex AI", request.resource());
        }
        return tokens.of(platform.credentials()).token(provider.name()).map(token -> {
            request.headers().set("authorization", "Bearer " + token);
            return request.to(url.get(), provider);
        });
    }

    /** The identity of the provider's Google token source: its credentials, shared by providers that share them. */
    @Override
    public Optional<Object> tokenIdentity(ProviderConfig provider) {
        return provider.platform() instanceof VertexPlatform platform
                ? Optional.of(VertexTokenSources.identity(platform.credentials())) : Optional.empty();
    }

    /**
     * The URL of {@code resource} for {@code model} at {@code platform}; empty for a resource Vertex AI does not
     * host.
     */
    static Optional<String> url(VertexPlatform platform, UpstreamResource resource, String model) {
        return switch (resource) {
            case UpstreamResource.ModelMethod m -> Optional.of(platform.modelUrl(m.publisher(), model, m.method())
                    + m.query());
            case UpstreamResource.AnthropicMessages messages -> Optional.of(platform.modelUrl("anthropic", model,
                    messages.stream() ? "streamRawPredict" : "rawPredict"));
            case UpstreamResource.OpenAi o -> Optional.empty();
            case UpstreamResource.ModelOperation o -> Optional.empty();
        };
    }
}
