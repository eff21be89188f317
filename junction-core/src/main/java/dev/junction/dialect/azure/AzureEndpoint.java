package dev.junction.dialect.azure;

import dev.junction.model.GatewayError;
import dev.junction.provider.CaBundle;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Secret;
import dev.junction.upstream.BearerTokens;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;

/**
 * Azure OpenAI as an {@link UpstreamEndpoint} of the OpenAI adapters: the URLs of OpenAI's operations
 * ({@link AzureUrls}; no other resource is hosted), and the credential: the provider's {@code api_key} in
 * the {@code api-key} header, or a Microsoft Entra ID token as {@code Authorization: Bearer …} from one
 * {@link EntraTokenSource} per provider and application, kept in the server's {@link BearerTokens} so that a
 * configuration reload keeps the token.
 * Thread safe.
 */
public final class AzureEndpoint implements UpstreamEndpoint {

    private final HttpUpstreamClient http;
    private final Clock clock;
    private final BearerTokens registry;

    /** The identity of an Entra token source in the registry: the provider (for messages) and its application. */
    private record Identity(String provider, EntraCredentials credentials, Optional<CaBundle> caBundle) {}

    /**
     * @param registry the server's token sources, kept across configuration reloads
     * @param clock when Entra tokens expire
     */
    public AzureEndpoint(HttpUpstreamClient http, BearerTokens registry, Clock clock) {
        this.http = http;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Future<HttpUpstreamClient.Exchange> open(ProviderConfig provider, UpstreamRequest request) {
        if (!(provider.platform() instanceof AzurePlatform platform)) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.Internal("The provider '"
                    + provider.name() + "' is not hosted on Azure OpenAI.")));
        }
        if (!(request.resource() instanceof UpstreamResource.OpenAi operation)) {
            return UpstreamEndpoint.notHosted(provider, "Azure OpenAI", request.resource());
        }
        var headers = request.headers();
        String url = AzureUrls.of(provider.baseUrl(), platform, operation, request.model());
        headers.remove("authorization");
        headers.remove("api-key");
        if (platform.entra().isEmpty()) {
            provider.apiKey().ifPresent(key -> headers.set("api-key", key.reveal()));
            return Future.succeededFuture(request.to(url, provider));
        }
        Identity identity = identity(provider, platform.entra().get());
        EntraTokenSource source = registry.of(identity, () -> new EntraTokenSource(http, identity.credentials(),
                new EntraTokenSource.Settings(identity.provider(), provider.timeouts(), identity.caBundle(), clock)));
        return onCallersContext(source.token()).map(token -> bearer(request, token, url, provider));
    }

    /** The Entra application's token source identity, for a provider that authenticates with Entra ID. */
    @Override
    public Optional<Object> tokenIdentity(ProviderConfig provider) {
        return provider.platform() instanceof AzurePlatform platform
                ? platform.entra().map(entra -> identity(provider, entra)) : Optional.empty();
    }

    private static Identity identity(ProviderConfig provider, EntraCredentials entra) {
        return new Identity(provider.name(), entra, provider.caBundle());
    }

    private static HttpUpstreamClient.Exchange bearer(UpstreamRequest request, Secret token, String url,
                                                      ProviderConfig provider) {
        request.headers().set("authorization", "Bearer " + token.reveal());
        return request.to(url, provider);
    }

    /**
     * The token's outcome on the caller's context: a fetch shared by requests of several event loops completes on
     * one of them, and each request must go on on its own.
     */
    private static <T> Future<T> onCallersContext(Future<T> future) {
        Context caller = Vertx.currentContext();
        if (caller == null || future.isComplete()) {
            return future;
        }
        Promise<T> promise = Promise.promise();
        future.onComplete(ar -> {
            if (Vertx.currentContext() == caller) {
                promise.handle(ar);
            } else {
                caller.runOnContext(v -> promise.handle(ar));
            }
        });
        return promise.future();
    }
}
