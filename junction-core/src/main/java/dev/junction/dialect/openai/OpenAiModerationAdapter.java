package dev.junction.dialect.openai;

import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.moderation.ModerationAdapter;
import dev.junction.moderation.ModerationRequest;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Moderations at OpenAI and compatible servers ({@code POST <baseUrl>/moderations}): the client's body with the
 * upstream model; the answer read as JSON. Stateless; thread safe.
 */
public final class OpenAiModerationAdapter implements ModerationAdapter {

    private final OpenAiJsonEndpoint endpoint;

    public OpenAiModerationAdapter(HttpUpstreamClient http, Redactor redactor) {
        this.endpoint = OpenAiJsonEndpoint.direct(http, redactor);
    }

    /** An adapter for a host with URLs, credentials or errors of its own (Azure). */
    public OpenAiModerationAdapter(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint host,
                                   JsonReplies.Classifier errors) {
        this.endpoint = new OpenAiJsonEndpoint(http, redactor, host, errors);
    }

    @Override
    public Future<ObjectNode> moderate(ModerationRequest request, ProviderConfig provider, String upstreamModel,
                                       String requestId, Propagation trace, Cancellation cancellation) {
        ObjectNode body = OpenAiJsonEndpoint.bodyFor(request.body(), upstreamModel);
        var headers = UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel);
        return endpoint.send(provider, UpstreamResource.OpenAi.MODERATIONS, upstreamModel, headers, body, false,
                        cancellation)
                .compose(reply -> JsonReplies.read(reply, provider.name(), endpoint.errors(), endpoint.redactor(), answer -> {
                    if (!answer.isObject() || !answer.path("results").isArray()) {
                        throw new GatewayException(new GatewayError.BadGateway(
                                "The upstream provider '" + provider.name() + "' returned moderations without "
                                        + "'results'.", true));
                    }
                    return (ObjectNode) answer;
                }));
    }
}
