package dev.junction.dialect.vertex;

import dev.junction.model.Dialect;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamHeaders;
import io.vertx.core.Future;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Claude on Vertex AI: {@code POST /v1/projects/{p}/locations/{l}/publishers/anthropic/models/{m}:rawPredict}, or
 * {@code :streamRawPredict}, with Anthropic's Messages body minus {@code model} (it is in the URL) and with
 * {@code anthropic_version: vertex-2023-10-16}. An Anthropic client's {@code anthropic-beta} header goes along;
 * its {@code anthropic-version} header does not (the body names Vertex's version). Thread safe.
 */
public final class VertexAnthropicEndpoint implements UpstreamEndpoint {

    /** The API version Vertex AI's Claude models take, in the body. */
    public static final String VERSION = "vertex-2023-10-16";

    private final VertexExchanges exchanges;

    public VertexAnthropicEndpoint(VertexTokenSources tokens) {
        this.exchanges = new VertexExchanges(tokens);
    }

    @Override
    public Future<HttpUpstreamClient.Exchange> exchange(UpstreamCall call, ObjectNode body, boolean stream) {
        body.remove("model");
        body.put("anthropic_version", VERSION);
        Map<String, String> beta = call.request().dialect() == Dialect.ANTHROPIC
                ? call.request().header("anthropic-beta").map(b -> Map.of("anthropic-beta", b)).orElse(Map.of())
                : Map.of();
        return exchanges.authorized(call.provider(), body, stream, platform -> url(platform, call.upstreamModel(), stream),
                UpstreamHeaders.of(call, stream, beta));
    }

    /** The Messages URL of {@code model} at {@code platform}. */
    static String url(VertexPlatform platform, String model, boolean stream) {
        return platform.modelUrl("anthropic", model, stream ? "streamRawPredict" : "rawPredict");
    }
}
