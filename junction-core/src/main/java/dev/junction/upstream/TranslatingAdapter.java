package dev.junction.upstream;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.GatewayException;
import dev.junction.provider.ProviderConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider adapter for an upstream dialect that no client speaks (Cohere, Ollama), so every request is translated
 * from the canonical form: media URLs are downloaded and inlined first (these upstreams take base64 bytes), the
 * dialect's writer builds the body, the provider's and the route step's parameter rules apply, and the body is
 * posted to {@code <baseUrl><path>}. Stateless; thread safe.
 *
 * @param path the chat endpoint below the provider's base URL, such as {@code /api/chat}
 * @param writer the dialect's request mapper
 * @param replies how the dialect's replies are read
 * @param framing how its streams are framed ({@link StreamFraming#SSE}, {@link StreamFraming#NDJSON})
 */
public record TranslatingAdapter(HttpUpstreamClient http, MediaFetcher media, String path, RequestWriter writer,
                                 WireReplies replies, StreamFraming framing) implements ProviderAdapter {

    /** Writes a dialect's request body. */
    @FunctionalInterface
    public interface RequestWriter {
        /**
         * The body for {@code model}; request fields the dialect cannot express go to {@code dropped}.
         *
         * @throws GatewayException when the request cannot be expressed at all
         */
        ObjectNode write(ChatRequest request, String model, Set<String> dropped);
    }

    @Override
    public Future<UpstreamReply> send(UpstreamCall call) {
        return media.inline(call.request().canonical(), MediaFetcher::isWebUrl).compose(request -> {
            Set<String> dropped = new LinkedHashSet<>();
            try {
                ObjectNode body = writer.write(request, call.upstreamModel(), dropped);
                dropped.addAll(call.provider().params().then(call.params()).apply(body));
                return send(call, body, Set.copyOf(dropped));
            } catch (GatewayException e) {
                return Future.failedFuture(new UpstreamFailure(e.error()));
            }
        });
    }

    private Future<UpstreamReply> send(UpstreamCall call, ObjectNode body, Set<String> dropped) {
        ProviderConfig provider = call.provider();
        boolean stream = call.request().stream();
        var exchange = new HttpUpstreamClient.Exchange(provider.baseUrl() + path, UpstreamHeaders.of(call, stream),
                Buffer.buffer(Json.bytes(body)), stream, provider.name(), provider.caBundle(), framing);
        return http.send(exchange, provider.timeouts(), call.cancellation())
                .compose(reply -> replies.of(reply, provider.name(), dropped));
    }
}
