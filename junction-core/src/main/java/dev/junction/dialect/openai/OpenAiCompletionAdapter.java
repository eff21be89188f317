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
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Legacy completions at OpenAI-compatible servers ({@code POST <baseUrl>/completions}): the client's body with the
 * upstream model and, for a stream, {@code stream_options.include_usage} set so that the last event reports the
 * tokens for limits and cost; the answer passed through. Stateless; thread safe.
 */
public final class OpenAiCompletionAdapter implements CompletionAdapter {

    private final OpenAiJsonEndpoint endpoint;

    public OpenAiCompletionAdapter(HttpUpstreamClient http, Redactor redactor) {
        this.endpoint = OpenAiJsonEndpoint.direct(http, redactor);
    }

    /** An adapter for a host with URLs, credentials or errors of its own (Azure). */
    public OpenAiCompletionAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint host,
                                   JsonReplies.Classifier errors) {
        this.endpoint = new OpenAiJsonEndpoint(http, redactor, host, errors);
    }

    @Override
    public Future<CompletionAnswer> complete(CompletionRequest request, ProviderConfig provider, String upstreamModel,
                                             String requestId, Propagation trace, Cancellation cancellation) {
        ObjectNode body = OpenAiJsonEndpoint.bodyFor(request.body(), upstreamModel);
        if (request.stream()) {
            ObjectNode options = body.path("stream_options").isObject()
                    ? ((ObjectNode) body.get("stream_options")).deepCopy() : Json.object();
            body.set("stream_options", options.put("include_usage", true));
        }
        var headers = UpstreamHeaders.of(provider, requestId, request.stream(), trace, upstreamModel);
        return endpoint.send(provider, UpstreamResource.OpenAi.COMPLETIONS, upstreamModel, headers, body,
                        request.stream(), cancellation)
                .compose(reply -> switch (reply) {
                    case HttpUpstreamClient.Reply.Stream s -> Future.succeededFuture(
                            new CompletionAnswer.Events(s.events()));
                    case HttpUpstreamClient.Reply.Body b -> JsonReplies.read(b, provider.name(), endpoint.errors(),
                            endpoint.redactor(), answer -> {
                                if (!answer.isObject() || !answer.path("choices").isArray()) {
                                    throw new GatewayException(new GatewayError.BadGateway("The upstream provider '"
                                            + provider.name() + "' returned a completion without 'choices'.", true));
                                }
                                return new CompletionAnswer.Whole((ObjectNode) answer);
                            });
                });
    }
}
