package dev.junction.upstream;

import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An embedding adapter that posts one JSON body to {@code <baseUrl><path>} for all the texts and reads one JSON
 * answer: the shape of Cohere's and Ollama's embedding APIs, which differ only in the body, the answer and the error
 * classification. The provider's parameter rules apply to the body. Stateless; thread safe.
 *
 * @param path the endpoint below the provider's base URL, such as {@code /api/embed}
 * @param body writes the upstream body for the request and the upstream model
 * @param answer reads the upstream's answer; throws {@code GatewayException} when it is unusable
 * @param classifier the dialect's classification of error replies
 */
public record JsonEmbeddingAdapter(HttpUpstreamClient http, Redactor redactor, String path,
                                   BiFunction<EmbeddingRequest, String, ObjectNode> body, AnswerReader answer,
                                   JsonReplies.Classifier classifier) implements EmbeddingAdapter {

    /** Reads a successful answer for a request of {@code expected} texts. */
    @FunctionalInterface
    public interface AnswerReader {
        EmbeddingResponse read(JsonNode answer, String upstreamModel, int expected);
    }

    @Override
    public Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                           String requestId, Cancellation cancellation) {
        return embed(request, provider, upstreamModel, requestId, Propagation.NONE, cancellation);
    }

    @Override
    public Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                           String requestId, Propagation trace, Cancellation cancellation) {
        ObjectNode upstreamBody = body.apply(request, upstreamModel);
        provider.params().apply(upstreamBody);
        var exchange = new HttpUpstreamClient.Exchange(provider.baseUrl() + path,
                UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel),
                Buffer.buffer(Json.bytes(upstreamBody)), false, provider.name(), provider.caBundle());
        return http.send(exchange, provider.timeouts(), cancellation).compose(reply -> JsonReplies.read(reply,
                provider.name(), classifier, redactor,
                json -> answer.read(json, upstreamModel, request.inputs().size())));
    }
}
