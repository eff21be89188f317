package dev.junction.dialect.cohere;

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
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeds at Cohere ({@code POST <baseUrl>/v2/embed}: {@code texts}, {@code input_type},
 * {@code embedding_types: ["float"]}, answered {@code embeddings.float}), one call for any number of texts. The
 * {@code input_type} is the request's task type (canonically Gemini's names, which an OpenAI client's
 * {@code input_type} is read into) translated to Cohere's ({@code search_document}, {@code search_query},
 * {@code classification}, {@code clustering}), and {@code search_document} when the client said nothing or
 * named a task Cohere has no type for. Stateless; thread safe.
 */
public final class CohereEmbeddingAdapter {

    /** The input type when the client gives none: embedding documents for a search index is the common case. */
    static final String DEFAULT_INPUT_TYPE = "search_document";

    private static final Map<String, String> FROM_GEMINI = Map.of(
            "RETRIEVAL_DOCUMENT", "search_document", "RETRIEVAL_QUERY", "search_query",
            "QUESTION_ANSWERING", "search_query", "CODE_RETRIEVAL_QUERY", "search_query",
            "CLASSIFICATION", "classification", "CLUSTERING", "clustering");

    private CohereEmbeddingAdapter() {}

    /** The adapter; stateless and thread safe. */
    public static EmbeddingAdapter create(HttpUpstreamClient http, Redactor redactor) {
        return new JsonEmbeddingAdapter(http, redactor, "/v2/embed", CohereEmbeddingAdapter::upstreamBody,
                CohereEmbeddingAdapter::upstreamResponse, CohereErrors::classify);
    }

    /** The {@code /v2/embed} body. */
    static ObjectNode upstreamBody(EmbeddingRequest request, String upstreamModel) {
        ObjectNode body = Json.object().put("model", upstreamModel);
        ArrayNode texts = body.putArray("texts");
        request.inputs().forEach(texts::add);
        body.put("input_type", inputType(request));
        body.putArray("embedding_types").add("float");
        request.dimensions().ifPresent(d -> body.put("output_dimension", d));
        return body;
    }

    static String inputType(EmbeddingRequest request) {
        return request.taskType().map(t -> FROM_GEMINI.getOrDefault(t, DEFAULT_INPUT_TYPE))
                .orElse(DEFAULT_INPUT_TYPE);
    }

    /** Cohere's answer, one vector per input in order; tokens from {@code meta.billed_units}. */
    static EmbeddingResponse upstreamResponse(JsonNode body, String model, int expected) {
        JsonNode floats = body.path("embeddings").path("float");
        if (!floats.isArray() || floats.size() != expected) {
            throw new GatewayException(new GatewayError.BadGateway("The upstream returned " + floats.size()
                    + " float embeddings for " + expected + " inputs.", false));
        }
        List<float[]> vectors = new ArrayList<>(expected);
        floats.forEach(e -> vectors.add(OpenAiEmbeddings.floats(e)));
        return new EmbeddingResponse(model, vectors, Json.count(body.path("meta").path("billed_units"),
                "input_tokens"));
    }
}
