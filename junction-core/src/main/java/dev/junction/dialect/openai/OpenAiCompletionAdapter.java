package dev.junction.dialect.openai;

import dev.junction.completion.CompletionAdapter;
import dev.junction.completion.CompletionAnswer;
import dev.junction.completion.CompletionRequest;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamTarget;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Legacy completions at OpenAI-compatible servers ({@code POST <baseUrl>/completions}): the client's body with the
 * upstream model and, for a stream, {@code stream_options.include_usage} set so that the last event reports the
 * tokens for limits and cost; the answer passed through. Stateless; thread safe.
 */
public final class OpenAiCompletionAdapter implements CompletionAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;
    private final UpstreamTarget target;
    private final JsonReplies.Classifier errors;

    public OpenAiCompletionAdapter(HttpUpstreamClient http, Redactor redactor) {
        this(http, redactor, UpstreamTarget.DIRECT, OpenAiErrors::classify);
    }

    /** An adapter for a host with URLs, credentials or errors of its own (Azure). */
    public OpenAiCompletionAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamTarget target,
                                   JsonReplies.Classifier errors) {
        this.http = http;
        this.redactor = redactor;
        this.target = target;
        this.errors = errors;
    }

    @Override
    public Future<CompletionAnswer> complete(CompletionRequest request, ProviderConfig provider, String upstreamModel,
                                             String requestId, Propagation trace, Cancellation cancellation) {
        ObjectNode body = Json.shallowCopy(request.body());
        body.put("model", upstreamModel);
        if (request.stream()) {
            ObjectNode options = body.path("stream_options").isObject()
                    ? ((ObjectNode) body.get("stream_options")).deepCopy() : Json.object();
            body.set("stream_options", options.put("include_usage", true));
        }
        provider.params().apply(body);
        var headers = UpstreamHeaders.of(provider, requestId, request.stream(), trace, upstreamModel);
        Buffer bytes = Buffer.buffer(Json.bytes(body));
        return target.locate(provider, UpstreamTarget.Operation.COMPLETIONS, upstreamModel, headers)
                .compose(url -> http.send(new HttpUpstreamClient.Exchange(url, headers, bytes, request.stream(),
                        provider.name(), provider.caBundle()), provider.timeouts(), cancellation))
                .compose(reply -> switch (reply) {
                    case HttpUpstreamClient.Reply.Stream s -> Future.succeededFuture(
                            new CompletionAnswer.Events(s.events()));
                    case HttpUpstreamClient.Reply.Body b -> JsonReplies.read(b, provider.name(), errors, redactor,
                            answer -> {
                                if (!answer.isObject() || !answer.path("choices").isArray()) {
                                    throw new GatewayException(new GatewayError.BadGateway("The upstream provider '"
                                            + provider.name() + "' returned a completion without 'choices'.", true));
                                }
                                return new CompletionAnswer.Whole((ObjectNode) answer);
                            });
                });
    }
}
