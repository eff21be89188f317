package dev.junction.dialect.ollama;

import dev.junction.dialect.openai.OpenAiEmbeddings;
import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.EmbeddingAdapter;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamHeaders;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeds at Ollama ({@code POST <baseUrl>/api/embed}, {@code {"model", "input": [...]}} answered
 * {@code {"embeddings": [[...]], "prompt_eval_count": n}}), one call for any number of texts. Stateless; thread safe.
 */
public final class OllamaEmbeddingAdapter implements EmbeddingAdapter {

    private final HttpUpstreamClient http;
    private final Redactor redactor;

    public OllamaEmbeddingAdapter(HttpUpstreamClient http, Redactor redactor) {
        this.http = http;
        this.redactor = redactor;
    }

    @Override
    public Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                           String requestId, Cancellation cancellation) {
        return embed(request, provider, upstreamModel, requestId, Propagation.NONE, cancellation);
    }

    @Override
    public Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                           String requestId, Propagation trace, Cancellation cancellation) {
        ObjectNode body = upstreamBody(request, upstreamModel);
        provider.params().apply(body);
        var exchange = new HttpUpstreamClient.Exchange(provider.baseUrl() + "/api/embed",
                UpstreamHeaders.of(provider, requestId, false, trace, upstreamModel), Buffer.buffer(Json.bytes(body)),
                false, provider.name(), provider.caBundle());
        return http.send(exchange, provider.timeouts(), cancellation).compose(answer -> JsonReplies.read(answer,
                provider.name(), OllamaErrors::classify, redactor,
                reply -> upstreamResponse(reply, upstreamModel, request.inputs().size())));
    }

    /** The {@code /api/embed} body. */
    static ObjectNode upstreamBody(EmbeddingRequest request, String upstreamModel) {
        ObjectNode body = Json.object().put("model", upstreamModel);
        ArrayNode input = body.putArray("input");
        request.inputs().forEach(input::add);
        request.dimensions().ifPresent(d -> body.put("dimensions", d));
        return body;
    }

    /** Ollama's answer, one vector per input in order. */
    static EmbeddingResponse upstreamResponse(JsonNode body, String model, int expected) {
        JsonNode embeddings = body.path("embeddings");
        if (!embeddings.isArray() || embeddings.size() != expected) {
            throw new GatewayException(new GatewayError.BadGateway("The upstream returned " + embeddings.size()
                    + " embeddings for " + expected + " inputs.", false));
        }
        List<float[]> vectors = new ArrayList<>(expected);
        embeddings.forEach(e -> vectors.add(OpenAiEmbeddings.floats(e)));
        return new EmbeddingResponse(body.path("model").asString(model), vectors,
                Json.count(body, "prompt_eval_count"));
    }
}
