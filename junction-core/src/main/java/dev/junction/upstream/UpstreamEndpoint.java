package dev.junction.upstream;

import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Where one attempt's request goes and the credential it carries: the one seam between the adapters, which speak a
 * wire format, and the hosts that serve it. A provider served directly ({@link #DIRECT}) takes every resource under
 * its base URL with the static key {@link UpstreamHeaders} already set; a cloud platform maps the resources it hosts
 * onto its URLs and adds its credential: Azure OpenAI's {@code api-key} or a Microsoft Entra ID token, Vertex AI's
 * Google token, Bedrock's API key or a SigV4 signature over the final URL, headers and bytes. Fetching a token may
 * take a while; it never blocks.
 *
 * <p>Implementations are thread safe and never throw: a failure (no credential to be had, a resource the platform
 * does not host) is a failed future carrying an {@link UpstreamFailure}. The future completes on the caller's
 * context, so the request is sent from the event loop that serves the client.
 */
@FunctionalInterface
public interface UpstreamEndpoint {

    /** The provider's base URL plus the resource's path, with the credential {@link UpstreamHeaders} set. */
    UpstreamEndpoint DIRECT = (provider, request) -> Future.succeededFuture(
            request.to(provider.baseUrl() + request.resource().directPath(request.model()), provider));

    /** The exchange that sends {@code request} to {@code provider}: its URL, and its headers with the credential. */
    Future<HttpUpstreamClient.Exchange> open(ProviderConfig provider, UpstreamRequest request);

    /**
     * The identity under which this endpoint keeps {@code provider}'s token source in {@link BearerTokens}, for an
     * endpoint whose credential is a token it fetches and caches; empty for static keys and signatures.
     */
    default Optional<Object> tokenIdentity(ProviderConfig provider) {
        return Optional.empty();
    }

    /** The failure of a platform asked for a resource it does not host: a gateway bug, never the client's. */
    static <T> Future<T> notHosted(ProviderConfig provider, String platform, UpstreamResource resource) {
        return Future.failedFuture(new UpstreamFailure(new GatewayError.Internal("The provider '" + provider.name()
                + "' is on " + platform + ", which does not serve " + resource + ".")));
    }
}
