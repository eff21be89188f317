package dev.junction.dialect.vertex;

import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamHeaders;
import io.vertx.core.Future;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gemini on Vertex AI: {@code POST /v1/projects/{p}/locations/{l}/publishers/google/models/{m}:generateContent}, or
 * {@code :streamGenerateContent?alt=sse}, with the body the Gemini API takes. Thread safe.
 */
public final class VertexGeminiEndpoint implements UpstreamEndpoint {

    private final VertexExchanges exchanges;

    public VertexGeminiEndpoint(VertexTokenSources tokens) {
        this.exchanges = new VertexExchanges(tokens);
    }

    @Override
    public Future<HttpUpstreamClient.Exchange> exchange(UpstreamCall call, ObjectNode body, boolean stream) {
        return exchanges.authorized(call.provider(), body, stream, platform -> url(platform, call.upstreamModel(), stream),
                UpstreamHeaders.of(call, stream));
    }

    /** The generation URL of {@code model} at {@code platform}. */
    static String url(VertexPlatform platform, String model, boolean stream) {
        return stream ? platform.modelUrl("google", model, "streamGenerateContent") + "?alt=sse"
                : platform.modelUrl("google", model, "generateContent");
    }
}
