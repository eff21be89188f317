package dev.junction.dialect.responses;

import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Usage;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.ClientRequest;
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
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls OpenAI's (or Azure OpenAI's) Responses API ({@code POST <baseUrl>/responses}). A request from a Responses
 * client is forwarded as its own JSON with only the model swapped and the provider's parameter rules applied (the
 * fast path), less the reasoning items the gateway sealed for it, which OpenAI would reject; a request from another
 * dialect is translated from its canonical form ({@link ResponsesRequestMapper#fromCanonical}). Replies are handed
 * back as wire bytes of {@link Dialect#OPENAI_RESPONSES}. Stateless and thread safe; never throws: failures are
 * failed futures carrying an {@link UpstreamFailure}.
 */
public final class ResponsesProviderAdapter implements ProviderAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;
    private final ReasoningSeal seal;
    private final UpstreamEndpoint endpoint;
    private final JsonReplies.Classifier errors;

    /** An adapter for a gateway whose Responses clients get reasoning sealed with {@link ReasoningSeal#PLAIN}. */
    public ResponsesProviderAdapter(HttpUpstreamClient http, Redactor redactor) {
        this(http, redactor, ReasoningSeal.PLAIN);
    }

    /** @param seal the seal the gateway's Responses clients get other providers' reasoning in */
    public ResponsesProviderAdapter(HttpUpstreamClient http, Redactor redactor, ReasoningSeal seal) {
        this(http, redactor, seal, UpstreamEndpoint.DIRECT, OpenAiErrors::classify);
    }

    /**
     * An adapter for a host of the Responses API that has URLs, credentials or errors of its own (Azure OpenAI).
     *
     * @param endpoint where each request goes and the credential it carries
     * @param errors how the host's error replies are classified
     */
    public ResponsesProviderAdapter(HttpUpstreamClient http, Redactor redactor, ReasoningSeal seal,
                                    UpstreamEndpoint endpoint, JsonReplies.Classifier errors) {
        this.http = http;
        this.redactor = redactor;
        this.seal = seal;
        this.endpoint = endpoint;
        this.errors = errors;
    }

    @Override
    public Future<UpstreamReply> send(UpstreamCall call) {
        ProviderConfig provider = call.provider();
        ClientRequest request = call.request();
        Set<String> dropped = new TreeSet<>();
        ObjectNode body;
        try {
            body = request.dialect() == Dialect.OPENAI_RESPONSES ? forwarded(request.body())
                    : ResponsesRequestMapper.fromCanonical(request.canonical(), dropped);
        } catch (GatewayException e) {
            return Future.failedFuture(new UpstreamFailure(e.error()));
        }
        body.put("model", call.upstreamModel());
        dropped.addAll(provider.params().then(call.params()).apply(body));
        boolean stream = request.stream();
        var headers = UpstreamHeaders.of(call, stream);
        Buffer bytes = Buffer.buffer(Json.bytes(body));
        Set<String> reported = Set.copyOf(dropped);
        return endpoint.open(provider, UpstreamRequest.of(UpstreamResource.OpenAi.RESPONSES, call.upstreamModel(),
                        headers, bytes, stream))
                .compose(exchange -> http.send(exchange, provider.timeouts(), call.cancellation()))
                .compose(reply -> toReply(reply, provider, reported));
    }

    /**
     * The client's body to forward: a top-level copy, its {@code input} copied too (items shared) only when it
     * replays reasoning the gateway sealed, which is another provider's and which OpenAI cannot verify.
     */
    private ObjectNode forwarded(ObjectNode clientBody) {
        ObjectNode body = Json.shallowCopy(clientBody);
        JsonNode input = body.get("input");
        if (input == null || !input.isArray() || !hasSealedReasoning(input)) {
            return body;
        }
        ArrayNode kept = Json.MAPPER.createArrayNode();
        for (JsonNode item : input) {
            if (!isSealedReasoning(item)) {
                kept.add(item);
            }
        }
        body.set("input", kept);
        return body;
    }

    private boolean hasSealedReasoning(JsonNode input) {
        for (JsonNode item : input) {
            if (isSealedReasoning(item)) {
                return true;
            }
        }
        return false;
    }

    private boolean isSealedReasoning(JsonNode item) {
        JsonNode encrypted = item.get("encrypted_content");
        return "reasoning".equals(item.path("type").asString("")) && encrypted != null && encrypted.isString()
                && seal.open(encrypted.stringValue()).isPresent();
    }

    private Future<UpstreamReply> toReply(HttpUpstreamClient.Reply reply, ProviderConfig provider,
                                          Set<String> dropped) {
        return switch (reply) {
            case HttpUpstreamClient.Reply.Stream s ->
                    Future.succeededFuture(new UpstreamReply.WireStream(Dialect.OPENAI_RESPONSES, s.events(), dropped,
                            RateLimitHeaders.of(s.headers())));
            case HttpUpstreamClient.Reply.Body b when b.status() >= 400 -> Future.failedFuture(new UpstreamFailure(
                    errors.classify(b.status(), b.body().toString(StandardCharsets.UTF_8),
                            RetryAfter.of(b.headers()), provider.name(), redactor)));
            case HttpUpstreamClient.Reply.Body b -> {
                Optional<Usage> usage = ResponsesUsage.usageOf(b.body().getBytes());
                if (usage.isEmpty()) {
                    yield Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway(
                            "The upstream provider '" + provider.name() + "' returned a body that is not JSON.",
                            true)));
                }
                yield Future.succeededFuture(new UpstreamReply.Complete(Dialect.OPENAI_RESPONSES, b.body(),
                        usage.get(), dropped, RateLimitHeaders.of(b.headers())));
            }
        };
    }
}
