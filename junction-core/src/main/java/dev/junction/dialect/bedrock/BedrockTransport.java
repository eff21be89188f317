package dev.junction.dialect.bedrock;

import dev.junction.model.GatewayError;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamHeaders;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Sends one request body to one operation of a Bedrock model: the URL from the provider's {@code base_url} (or the
 * region's endpoint) and the percent-encoded model id, the gateway's headers, the credential applied by
 * {@link BedrockAuth} over the exact bytes, and a stream decoded with the given event-stream framing. Shared by the
 * Converse, InvokeModel (Claude) and embedding adapters. Thread safe.
 */
public final class BedrockTransport {

    private final HttpUpstreamClient http;
    private final BedrockAuth auth;
    private final Redactor redactor;

    public BedrockTransport(HttpUpstreamClient http, BedrockAuth auth, Redactor redactor) {
        this.http = http;
        this.auth = auth;
        this.redactor = redactor;
    }

    /**
     * The call's provider's Bedrock settings, or a failure naming the provider when its configuration has no bedrock
     * platform block (the configuration reader refuses that, so it means a provider was built by hand).
     */
    public static Future<BedrockPlatform> platform(UpstreamCall call) {
        return call.provider().platform() instanceof BedrockPlatform platform ? Future.succeededFuture(platform)
                : Future.failedFuture(new UpstreamFailure(new dev.junction.model.GatewayError.Internal("The provider '"
                        + call.provider().name() + "' has no bedrock platform block.")));
    }

    /**
     * POSTs {@code bytes} to {@code /model/{upstreamModel}/{operation}}; a failure to find credentials is a
     * {@link UpstreamFailure} with a bad gateway that names the provider, never the credential.
     */
    public Future<HttpUpstreamClient.Reply> post(UpstreamCall call, BedrockPlatform platform, String operation,
                                                 byte[] bytes, boolean stream, EventStreamFraming framing) {
        ProviderConfig provider = call.provider();
        String url = url(baseUrl(provider, platform), call.upstreamModel(), operation);
        MultiMap headers = UpstreamHeaders.of(call, stream);
        headers.set("accept", stream ? EventStreamFraming.CONTENT_TYPE : "application/json");
        return send(provider, platform, url, headers, bytes, stream, framing, call.cancellation());
    }

    /** As {@link #post(UpstreamCall, BedrockPlatform, String, byte[], boolean, EventStreamFraming)}, unstreamed. */
    public Future<HttpUpstreamClient.Reply> post(ProviderConfig provider, BedrockPlatform platform, String modelId,
                                                 String operation, byte[] bytes, MultiMap headers,
                                                 Cancellation cancellation) {
        headers.set("accept", "application/json");
        return send(provider, platform, url(baseUrl(provider, platform), modelId, operation), headers, bytes, false,
                EventStreamFraming.CONVERSE, cancellation);
    }

    private Future<HttpUpstreamClient.Reply> send(ProviderConfig provider, BedrockPlatform platform, String url,
                                                  MultiMap headers, byte[] bytes, boolean stream,
                                                  EventStreamFraming framing, Cancellation cancellation) {
        return auth.apply(platform, url, headers, bytes)
                .recover(t -> Future.failedFuture(new UpstreamFailure(GatewayError.BadGateway.refusedCredentials(
                        "The provider '" + provider.name() + "' has no usable AWS credentials: "
                                + redactor.redact(String.valueOf(t.getMessage()))))))
                .compose(signed -> http.send(new HttpUpstreamClient.Exchange(url, signed, Buffer.buffer(bytes),
                        stream, provider.name(), provider.caBundle(), framing),
                        provider.timeouts(), cancellation));
    }

    /** The provider's {@code base_url} when it has one (tests, VPC endpoints), else the region's endpoint. */
    public static String baseUrl(ProviderConfig provider, BedrockPlatform platform) {
        return provider.baseUrl().isBlank() ? platform.endpoint() : provider.baseUrl();
    }

    /**
     * The URL of one operation on a model. The model id is one path segment, percent-encoded ({@code :} as
     * {@code %3A}, an ARN's {@code /} as {@code %2F}), so it cannot add path segments; the signature covers the path
     * exactly as sent.
     */
    public static String url(String baseUrl, String modelId, String operation) {
        return baseUrl + "/model/" + URLEncoder.encode(modelId, StandardCharsets.UTF_8).replace("+", "%20") + "/"
                + operation;
    }
}
