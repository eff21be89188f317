package dev.junction.dialect.openai;

import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Usage;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.RateLimitHeaders;
import dev.junction.upstream.RetryAfter;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamReply;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls OpenAI and every OpenAI-compatible server ({@code POST <baseUrl>/chat/completions}). A request from a Chat
 * Completions client is forwarded as its own JSON with only the model swapped and the provider's parameter rules
 * applied; a request of any other dialect (Responses included) is translated from its canonical form. The reply is
 * handed back as wire bytes so the server can pass them through untouched or translate them.
 */
public final class OpenAiProviderAdapter implements ProviderAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;
    private final UpstreamEndpoint endpoint;
    private final JsonReplies.Classifier errors;

    public OpenAiProviderAdapter(HttpUpstreamClient http, Redactor redactor) {
        this(http, redactor, UpstreamEndpoint.DIRECT, OpenAiErrors::classify);
    }

    /**
     * An adapter for a host of OpenAI's API that has URLs, credentials or errors of its own (Azure OpenAI).
     *
     * @param endpoint where each request goes and the credential it carries
     * @param errors how the host's error replies are classified
     */
    public OpenAiProviderAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint endpoint,
                                 JsonReplies.Classifier errors) {
        this.http = http;
        this.redactor = redactor;
        this.endpoint = endpoint;
        this.errors = errors;
    }

    @Override
    public Future<UpstreamReply> send(UpstreamCall call) {
        ProviderConfig provider = call.provider();
        Set<String> dropped = new java.util.TreeSet<>();
        ObjectNode body;
        try {
            body = call.request().dialect() == Dialect.OPENAI_CHAT
                    ? Json.shallowCopy(call.request().body())
                    : OpenAiRequestMapper.fromCanonical(call.request().canonical(), dropped);
        } catch (GatewayException e) {
            return Future.failedFuture(new UpstreamFailure(e.error()));
        }
        body.put("model", call.upstreamModel());
        boolean stream = call.request().stream();
        if (stream) {
            // Always ask for usage so the gateway can account for the stream; the server hides the usage chunk
            // from clients that did not ask for it. A copy: the client's own options stay as sent.
            JsonNode sent = body.get("stream_options");
            ObjectNode options = sent != null && sent.isObject() ? ((ObjectNode) sent).deepCopy() : Json.object();
            body.set("stream_options", options.put("include_usage", true));
        }
        ParamRules rules = provider.params().then(call.params());
        dropped.addAll(rules.apply(body));
        MultiMap headers = UpstreamHeaders.of(call, stream);
        Buffer bytes = Buffer.buffer(Json.bytes(body));
        return endpoint.open(provider, UpstreamRequest.of(UpstreamResource.OpenAi.CHAT, call.upstreamModel(), headers,
                        bytes, stream))
                .compose(exchange -> http.send(exchange, provider.timeouts(), call.cancellation()))
                .compose(reply -> toReply(reply, provider, dropped));
    }

    private Future<UpstreamReply> toReply(HttpUpstreamClient.Reply reply, ProviderConfig provider,
                                          Set<String> dropped) {
        return switch (reply) {
            case HttpUpstreamClient.Reply.Stream s ->
                    Future.succeededFuture(new UpstreamReply.WireStream(Dialect.OPENAI_CHAT, s.events(), dropped,
                            RateLimitHeaders.of(s.headers())));
            case HttpUpstreamClient.Reply.Body b when b.status() >= 400 -> Future.failedFuture(new UpstreamFailure(
                    errors.classify(b.status(), b.body().toString(StandardCharsets.UTF_8),
                            RetryAfter.of(b.headers()), provider.name(), redactor)));
            case HttpUpstreamClient.Reply.Body b -> {
                Optional<Usage> usage = OpenAiUsage.usageOf(b.body().getBytes());
                if (usage.isEmpty()) {
                    yield Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway(
                            "The upstream provider '" + provider.name() + "' returned a body that is not JSON.",
                            true)));
                }
                yield Future.succeededFuture(new UpstreamReply.Complete(Dialect.OPENAI_CHAT, b.body(), usage.get(),
                        dropped, RateLimitHeaders.of(b.headers())));
            }
        };
    }
}
