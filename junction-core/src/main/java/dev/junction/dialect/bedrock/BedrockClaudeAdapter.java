package dev.junction.dialect.bedrock;

import dev.junction.dialect.anthropic.AnthropicRequestMapper;
import dev.junction.dialect.anthropic.AnthropicUsage;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Usage;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.MediaFetcher;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.RateLimitHeaders;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls a Claude model on Bedrock through InvokeModel ({@code POST <endpoint>/model/{modelId}/invoke}, or
 * {@code /invoke-with-response-stream}, whose reply is an AWS event stream of {@code chunk} frames each carrying one
 * Anthropic stream event): the provider speaks the {@code anthropic} dialect on the {@code bedrock} platform. A
 * request from an Anthropic client is forwarded as its own JSON (so {@code cache_control}, thinking blocks with their
 * signatures and other fields survive), its {@code anthropic-beta} header becoming the body's {@code anthropic_beta};
 * a request from another dialect is translated from its canonical form (media referenced by URL inlined first, since
 * Bedrock fetches no URLs). Either way the body takes its InvokeModel form ({@link ClaudeInvokeBody}), is
 * authenticated over its final bytes, and the reply is handed back in the Anthropic dialect; errors are Bedrock's
 * ({@link BedrockErrors}). Stateless; thread safe.
 */
public final class BedrockClaudeAdapter implements ProviderAdapter {

    private final HttpUpstreamClient http;
    private final MediaFetcher media;
    private final UpstreamEndpoint endpoint;
    private final Redactor redactor;

    /** @param endpoint Bedrock's URLs and credentials ({@link BedrockEndpoint}) */
    public BedrockClaudeAdapter(HttpUpstreamClient http, MediaFetcher media, UpstreamEndpoint endpoint,
                                Redactor redactor) {
        this.http = http;
        this.media = media;
        this.endpoint = endpoint;
        this.redactor = redactor;
    }

    @Override
    public Future<UpstreamReply> send(UpstreamCall call) {
        ClientRequest request = call.request();
        Set<String> dropped = new LinkedHashSet<>();
        Future<ObjectNode> body = request.dialect() == Dialect.ANTHROPIC
                ? Future.succeededFuture(Json.shallowCopy(request.body()))
                : media.inline(request.canonical(), MediaFetcher::isWebUrl)
                        .compose(canonical -> translate(canonical, dropped));
        return body.compose(anthropic -> {
            anthropic.put("model", call.upstreamModel());
            dropped.addAll(call.provider().params().then(call.params()).apply(anthropic));
            Optional<String> betas = request.dialect() == Dialect.ANTHROPIC ? request.header("anthropic-beta")
                    : Optional.empty();
            byte[] bytes = Json.bytes(ClaudeInvokeBody.of(anthropic, betas));
            boolean stream = request.stream();
            Set<String> reported = Set.copyOf(dropped);
            UpstreamRequest outgoing = BedrockEndpoint.request(stream ? "invoke-with-response-stream" : "invoke",
                    call.upstreamModel(), UpstreamHeaders.of(call, stream), bytes, stream, EventStreamFraming.INVOKE);
            return endpoint.open(call.provider(), outgoing)
                    .compose(exchange -> http.send(exchange, call.provider().timeouts(), call.cancellation()))
                    .compose(reply -> toReply(reply, call.provider(), stream, reported));
        });
    }

    private static Future<ObjectNode> translate(ChatRequest canonical, Set<String> dropped) {
        try {
            return Future.succeededFuture(AnthropicRequestMapper.fromCanonical(canonical, dropped));
        } catch (GatewayException e) {
            return Future.failedFuture(new UpstreamFailure(e.error()));
        }
    }

    private Future<UpstreamReply> toReply(HttpUpstreamClient.Reply reply, ProviderConfig provider, boolean stream,
                                          Set<String> dropped) {
        return switch (reply) {
            case HttpUpstreamClient.Reply.Stream s -> Future.succeededFuture(new UpstreamReply.WireStream(
                    Dialect.ANTHROPIC, s.events(), dropped, RateLimitHeaders.NONE));
            case HttpUpstreamClient.Reply.Body b when b.status() >= 400 -> Future.failedFuture(new UpstreamFailure(
                    BedrockProviderAdapter.classify(b, provider.name(), redactor)));
            case HttpUpstreamClient.Reply.Body b -> {
                Optional<Usage> usage = stream ? Optional.empty() : AnthropicUsage.usageOf(b.body().getBytes());
                if (usage.isEmpty()) {
                    yield Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway("The upstream provider '"
                            + provider.name() + "' returned " + (stream ? "no event stream" : "a body that is not JSON")
                            + ".", true)));
                }
                yield Future.succeededFuture(new UpstreamReply.Complete(Dialect.ANTHROPIC, b.body(), usage.get(),
                        dropped, RateLimitHeaders.NONE));
            }
        };
    }
}
