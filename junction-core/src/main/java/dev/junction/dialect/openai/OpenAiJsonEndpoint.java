package dev.junction.dialect.openai;

import dev.junction.json.Json;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the OpenAI adapters that pass a client's JSON body through share (moderations, speech, legacy completions):
 * the body with the upstream model, then placed by the host ({@link UpstreamEndpoint#DIRECT}, or Azure's) and sent or
 * relayed; errors read by the host's classifier. Immutable; thread safe.
 *
 * @param http the upstream client
 * @param redactor masks secrets in the errors it reads
 * @param endpoint where an attempt goes and the credential it carries
 * @param errors how the host's error bodies are classified
 */
record OpenAiJsonEndpoint(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint endpoint,
                          JsonReplies.Classifier errors) {

    /** A provider served at its own base URL with OpenAI's errors. */
    static OpenAiJsonEndpoint direct(HttpUpstreamClient http, Redactor redactor) {
        return new OpenAiJsonEndpoint(http, redactor, UpstreamEndpoint.DIRECT, OpenAiErrors::classify);
    }

    /** A copy of the client's body naming {@code upstreamModel}, for the caller to adjust before {@link #send}. */
    static ObjectNode bodyFor(ObjectNode clientBody, String upstreamModel) {
        return Json.shallowCopy(clientBody).put("model", upstreamModel);
    }

    /** Sends {@code body} (the provider's parameter rules applied now) to the operation's URL; a whole reply or a stream. */
    Future<HttpUpstreamClient.Reply> send(ProviderConfig provider, UpstreamResource.OpenAi operation,
                                          String upstreamModel, MultiMap headers, ObjectNode body, boolean stream,
                                          Cancellation cancellation) {
        Buffer bytes = prepared(provider, body);
        return endpoint.open(provider, UpstreamRequest.of(operation, upstreamModel, headers, bytes, stream))
                .compose(exchange -> http.send(exchange, provider.timeouts(), cancellation));
    }

    /** As {@link #send}, with a 2xx body relayed as bytes as it arrives. */
    Future<HttpUpstreamClient.Relayed> relay(ProviderConfig provider, UpstreamResource.OpenAi operation,
                                             String upstreamModel, MultiMap headers, ObjectNode body,
                                             Cancellation cancellation) {
        Buffer bytes = prepared(provider, body);
        return endpoint.open(provider, UpstreamRequest.of(operation, upstreamModel, headers, bytes, false))
                .compose(exchange -> http.relay(exchange, provider.timeouts(), cancellation));
    }

    private static Buffer prepared(ProviderConfig provider, ObjectNode body) {
        provider.params().apply(body);
        return Buffer.buffer(Json.bytes(body));
    }
}
