package dev.junction.dialect.azure;

import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Secret;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamTarget;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Azure OpenAI's URLs ({@link AzureUrls}) and credentials for the OpenAI adapters: the provider's {@code api_key} in
 * the {@code api-key} header, or a Microsoft Entra ID token as {@code Authorization: Bearer …} from one
 * {@link EntraTokenSource} per provider and application, kept for the life of this target (one configuration).
 * Thread safe.
 */
public final class AzureTarget implements UpstreamTarget {

    private final HttpUpstreamClient http;
    private final Clock clock;
    private final Map<SourceKey, EntraTokenSource> sources = new ConcurrentHashMap<>();

    private record SourceKey(String provider, EntraCredentials credentials) {}

    /** @param clock when Entra tokens expire */
    public AzureTarget(HttpUpstreamClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Future<String> locate(ProviderConfig provider, Operation operation, String upstreamModel,
                                 MultiMap headers) {
        if (!(provider.platform() instanceof AzurePlatform platform)) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.Internal("The provider '"
                    + provider.name() + "' is not hosted on Azure OpenAI.")));
        }
        String url = AzureUrls.of(provider.baseUrl(), platform, operation, upstreamModel);
        headers.remove("authorization");
        headers.remove("api-key");
        if (platform.entra().isEmpty()) {
            provider.apiKey().ifPresent(key -> headers.set("api-key", key.reveal()));
            return Future.succeededFuture(url);
        }
        EntraTokenSource source = sources.computeIfAbsent(new SourceKey(provider.name(), platform.entra().get()),
                key -> new EntraTokenSource(http, key.credentials(), new EntraTokenSource.Settings(key.provider(),
                        provider.timeouts(), provider.caBundle(), clock)));
        return onCallersContext(source.token()).map(token -> bearer(headers, token, url));
    }

    private static String bearer(MultiMap headers, Secret token, String url) {
        headers.set("authorization", "Bearer " + token.reveal());
        return url;
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
