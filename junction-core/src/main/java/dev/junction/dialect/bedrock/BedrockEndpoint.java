package dev.junction.dialect.bedrock;

import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * AWS Bedrock as an {@link UpstreamEndpoint}: a model's operations ({@link UpstreamResource.ModelOperation}) under
 * the provider's {@code base_url} (tests, VPC endpoints) or the region's endpoint, and the credential applied by
 * {@link BedrockAuth} over the final URL and the exact bytes: a Bedrock API key as bearer, or a SigV4 signature.
 * Shared by the Converse, InvokeModel (Claude) and embedding adapters. Thread safe.
 */
public final class BedrockEndpoint implements UpstreamEndpoint {

    private final BedrockAuth auth;
    private final Redactor redactor;

    /** @param redactor masks secrets in the reason a credential could not be had */
    public BedrockEndpoint(BedrockAuth auth, Redactor redactor) {
        this.auth = auth;
        this.redactor = redactor;
    }

    /**
     * A request of {@code bytes} to {@code operation} of {@code model}, accepting JSON or, for a stream, AWS event
     * streams read in {@code framing}.
     */
    static UpstreamRequest request(String operation, String model, MultiMap headers, byte[] bytes, boolean stream,
                                   EventStreamFraming framing) {
        headers.set("accept", stream ? EventStreamFraming.CONTENT_TYPE : "application/json");
        return UpstreamRequest.of(new UpstreamResource.ModelOperation(operation), model, headers,
                Buffer.buffer(bytes), stream).framed(framing);
    }

    /**
     * {@inheritDoc} A failure to find credentials is a bad gateway that names the provider, never the credential.
     */
    @Override
    public Future<HttpUpstreamClient.Exchange> open(ProviderConfig provider, UpstreamRequest request) {
        if (!(provider.platform() instanceof BedrockPlatform platform)) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.Internal("The provider '"
                    + provider.name() + "' has no bedrock platform block.")));
        }
        if (!(request.resource() instanceof UpstreamResource.ModelOperation operation)) {
            return UpstreamEndpoint.notHosted(provider, "AWS Bedrock", request.resource());
        }
        String url = baseUrl(provider, platform) + operation.directPath(request.model());
        return auth.apply(platform, url, request.headers(), request.body().getBytes())
                .recover(t -> Future.failedFuture(new UpstreamFailure(GatewayError.BadGateway.refusedCredentials(
                        "The provider '" + provider.name() + "' has no usable AWS credentials: "
                                + redactor.redact(String.valueOf(t.getMessage()))))))
                .map(signed -> request.to(url, provider));
    }

    /** The provider's {@code base_url} when it has one (tests, VPC endpoints), else the region's endpoint. */
    static String baseUrl(ProviderConfig provider, BedrockPlatform platform) {
        return provider.baseUrl().isBlank() ? platform.endpoint() : provider.baseUrl();
    }
}
