package dev.junction.dialect.ollama;

import dev.junction.dialect.openai.OpenAiEmbeddings;
import dev.junction.json.Json;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.secret.Redactor;
import dev.junction.upstream.EmbeddingAdapter;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonEmbeddingAdapter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeds at Ollama ({@code POST <baseUrl>/api/embed}, {@code {"model", "input": [...]}} answered
 * {@code {"embeddings": [[...]], "prompt_eval_count": n}}), one call for any number of texts. Stateless; thread safe.
 */
public final class OllamaEmbeddingAdapter {

    private OllamaEmbeddingAdapter() {}

    /** The adapter; stateless and thread safe. */
    public static EmbeddingAdapter create(HttpUpstreamClient http, Redactor redactor) {
        return new JsonEmbeddingAdapter(http, redactor, "/api/embed", OllamaEmbeddingAdapter::upstreamBody,
                OllamaEmbeddingAdapter::upstreamResponse, OllamaErrors::classify);
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
