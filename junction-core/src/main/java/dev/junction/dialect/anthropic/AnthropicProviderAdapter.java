package dev.junction.dialect.anthropic;

import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Usage;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.RateLimitHeaders;
import dev.junction.upstream.RetryAfter;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls Anthropic's Messages API ({@code POST <baseUrl>/messages}). A request from an Anthropic client is forwarded
 * as its own JSON with only the model swapped (so {@code cache_control}, signatures and beta fields survive), with
 * the client's {@code anthropic-version} and {@code anthropic-beta}; a request from another dialect is translated
 * from its canonical form and sent with {@code anthropic-version: 2023-06-01}. Replies are handed back as wire bytes.
 * Stateless and thread safe; never throws: failures are failed futures carrying an {@link UpstreamFailure}.
 */
public final class AnthropicProviderAdapter implements ProviderAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;
    private final UpstreamEndpoint endpoint;
    private final MessagesEnvelope envelope;

    public AnthropicProviderAdapter(HttpUpstreamClient http, Redactor redactor) {
        this(http, redactor, UpstreamEndpoint.DIRECT, MessagesEnvelope.ANTHROPIC);
    }

    /**
     * An Anthropic adapter whose requests go to {@code endpoint} (Claude hosted on a cloud platform) instead of the
     * provider's {@code /messages}, in the host's {@code envelope}.
     */
    public AnthropicProviderAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint endpoint,
                                    MessagesEnvelope envelope) {
        this.http = http;
        this.redactor = redactor;
        this.endpoint = endpoint;
        this.envelope = envelope;
    }

    @Override
    public Future<UpstreamReply> send(UpstreamCall call) {
        ProviderConfig provider = call.provider();
        ClientRequest request = call.request();
        Set<String> dropped = new HashSet<>();
        ObjectNode body;
        try {
            body = request.dialect() == Dialect.ANTHROPIC
                    ? Json.shallowCopy(request.body())
                    : AnthropicRequestMapper.fromCanonical(request.canonical(), dropped);
        } catch (GatewayException e) {
            return Future.failedFuture(new UpstreamFailure(e.error()));
        }
        body.put("model", call.upstreamModel());
        dropped.addAll(provider.params().then(call.params()).apply(body));
        boolean stream = request.stream();
        Set<String> reported = Set.copyOf(dropped);
        MultiMap headers = UpstreamHeaders.of(call, stream, envelope.wrap(call, body));
        UpstreamRequest outgoing = UpstreamRequest.of(new UpstreamResource.AnthropicMessages(stream),
                call.upstreamModel(), headers, Buffer.buffer(Json.bytes(body)), stream);
        return endpoint.open(provider, outgoing)
                .compose(exchange -> http.send(exchange, provider.timeouts(), call.cancellation()))
                .compose(reply -> toReply(reply, provider, reported));
    }

    private Future<UpstreamReply> toReply(HttpUpstreamClient.Reply reply, ProviderConfig provider,
                                          Set<String> dropped) {
        return switch (reply) {
            case HttpUpstreamClient.Reply.Stream s ->
                    Future.succeededFuture(new UpstreamReply.WireStream(Dialect.ANTHROPIC, s.events(), dropped,
                            RateLimitHeaders.of(s.headers())));
            case HttpUpstreamClient.Reply.Body b when b.status() >= 400 -> Future.failedFuture(new UpstreamFailure(
                    AnthropicErrors.classify(b.status(), b.body().toString(StandardCharsets.UTF_8),
                            RetryAfter.of(b.headers()), provider.name(), redactor)));
            case HttpUpstreamClient.Reply.Body b -> {
                Optional<Usage> usage = AnthropicUsage.usageOf(b.body().getBytes());
                if (usage.isEmpty()) {
                    yield Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway(
                            "The upstream provider '" + provider.name() + "' returned a body that is not JSON.",
                            true)));
                }
                yield Future.succeededFuture(new UpstreamReply.Complete(Dialect.ANTHROPIC, b.body(), usage.get(),
                        dropped, RateLimitHeaders.of(b.headers())));
            }
        };
    }
}
