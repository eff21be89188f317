package dev.junction.dialect.bedrock;

import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Usage;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.MediaFetcher;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.RateLimitHeaders;
import dev.junction.upstream.RetryAfter;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls Bedrock's Converse API ({@code POST <endpoint>/model/{modelId}/converse}, or {@code /converse-stream}, whose
 * reply is an AWS event stream). Every request is translated from the canonical form (no client speaks Converse),
 * authenticated by {@link BedrockAuth} over the final bytes, and the reply handed back in the Converse dialect for the
 * server to translate. The model id (a model, an inference profile such as {@code us.anthropic.claude-…}, or an ARN)
 * is one percent-encoded path segment. Stateless; thread safe.
 */
public final class BedrockProviderAdapter implements ProviderAdapter {

    private final HttpUpstreamClient http;
    private final MediaFetcher media;
    private final UpstreamEndpoint endpoint;
    private final Redactor redactor;

    /**
     * @param media downloads media a client referenced by URL: Converse takes only inline bytes (or S3)
     * @param endpoint Bedrock's URLs and credentials ({@link BedrockEndpoint})
     */
    public BedrockProviderAdapter(HttpUpstreamClient http, MediaFetcher media, UpstreamEndpoint endpoint,
                                  Redactor redactor) {
        this.http = http;
        this.media = media;
        this.endpoint = endpoint;
        this.redactor = redactor;
    }

    @Override
    public Future<UpstreamReply> send(UpstreamCall call) {
        return media.inline(call.request().canonical(), MediaFetcher::isWebUrl).compose(request -> {
            Set<String> dropped = new LinkedHashSet<>();
            ObjectNode body;
            try {
                body = ConverseRequestMapper.fromCanonical(request, dropped);
            } catch (GatewayException e) {
                return Future.failedFuture(new UpstreamFailure(e.error()));
            }
            ParamRules rules = call.provider().params().then(call.params());
            dropped.addAll(rules.apply(body));
            return send(call, body, Set.copyOf(dropped));
        });
    }

    private Future<UpstreamReply> send(UpstreamCall call, ObjectNode body, Set<String> dropped) {
        boolean stream = call.request().stream();
        UpstreamRequest outgoing = BedrockEndpoint.request(stream ? "converse-stream" : "converse",
                call.upstreamModel(), UpstreamHeaders.of(call, stream), Json.bytes(body), stream,
                EventStreamFraming.CONVERSE);
        return endpoint.open(call.provider(), outgoing)
                .compose(exchange -> http.send(exchange, call.provider().timeouts(), call.cancellation()))
                .compose(reply -> toReply(reply, call.provider(), stream, dropped));
    }

    private Future<UpstreamReply> toReply(HttpUpstreamClient.Reply reply, ProviderConfig provider, boolean stream,
                                          Set<String> dropped) {
        return switch (reply) {
            case HttpUpstreamClient.Reply.Stream s -> Future.succeededFuture(new UpstreamReply.WireStream(
                    Dialect.BEDROCK_CONVERSE, s.events(), dropped, RateLimitHeaders.NONE));
            case HttpUpstreamClient.Reply.Body b when b.status() >= 400 -> Future.failedFuture(new UpstreamFailure(
                    classify(b, provider.name(), redactor)));
            case HttpUpstreamClient.Reply.Body b -> {
                Optional<JsonNode> parsed = Json.tryParse(b.body().getBytes()).filter(JsonNode::isObject);
                if (stream || parsed.isEmpty()) {
                    yield Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway("The upstream provider '"
                            + provider.name() + "' returned " + (stream ? "no event stream" : "a body that is not JSON")
                            + ".", true)));
                }
                Usage usage = parsed.get().path("usage").isObject() ? BedrockUsage.read(parsed.get().get("usage"))
                        : Usage.ZERO;
                yield Future.succeededFuture(new UpstreamReply.Complete(Dialect.BEDROCK_CONVERSE, b.body(), usage,
                        dropped, RateLimitHeaders.NONE));
            }
        };
    }

    /** Classifies an error reply of any Bedrock operation. */
    public static GatewayError classify(HttpUpstreamClient.Reply.Body reply, String provider, Redactor redactor) {
        return BedrockErrors.classify(reply.status(), Optional.ofNullable(reply.headers().get("x-amzn-ErrorType")),
                reply.body().toString(StandardCharsets.UTF_8), RetryAfter.of(reply.headers()), provider, redactor);
    }
}
