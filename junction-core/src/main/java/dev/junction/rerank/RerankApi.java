package dev.junction.rerank;

import dev.junction.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rerank wire shapes of the upstreams, each with its path below the provider's base URL, its request body and
 * its answer. Stateless.
 *
 * <ul>
 *   <li>{@link #COHERE}: {@code POST /v2/rerank} below the API root ({@code model, query, documents, top_n,
 *       max_tokens_per_doc}); answers {@code {id, results: [{index, relevance_score}], meta: {billed_units:
 *       {search_units}}}}.
 *   <li>{@link #JINA}: {@code POST /rerank} under {@code …/v1} ({@code model, query, documents, top_n,
 *       return_documents}); answers {@code {results: [{index, relevance_score, document?}], usage:
 *       {total_tokens}}}. vLLM and most self-hosted servers accept this shape.
 *   <li>{@link #VOYAGE}: {@code POST /rerank} under {@code …/v1} ({@code model, query, documents, top_k,
 *       return_documents}); answers {@code {data: [{index, relevance_score}], usage: {total_tokens}}}.
 *   <li>{@link #TEI}: Hugging Face Text Embeddings Inference, {@code POST /rerank} at the server's root ({@code
 *       query, texts, raw_scores}); answers an array {@code [{index, score}]}, every text, most relevant first.
 * </ul>
 */
public enum RerankApi {
    COHERE, JINA, VOYAGE, TEI;

    /** The API of this configuration name ({@code cohere}, {@code jina}, {@code voyage}, {@code tei}). */
    public static Optional<RerankApi> ofName(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The configuration name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The path below the provider's base URL (Cohere's base URL is its API root, the others' their version). */
    public String path() {
        return this == COHERE ? "/v2/rerank" : "/rerank";
    }

    /** The upstream body of a request, for {@code upstreamModel}. */
    public ObjectNode body(RerankRequest r, String upstreamModel) {
        ObjectNode body = Json.object();
        if (this != TEI) {
            body.put("model", upstreamModel);
        }
        body.put("query", r.query());
        ArrayNode documents = body.putArray(this == TEI ? "texts" : "documents");
        r.documents().forEach(documents::add);
        switch (this) {
            case COHERE -> {
                r.topN().ifPresent(n -> body.put("top_n", n));
                r.maxTokensPerDoc().ifPresent(n -> body.put("max_tokens_per_doc", n));
            }
            case JINA -> {
                r.topN().ifPresent(n -> body.put("top_n", n));
                body.put("return_documents", false); // the gateway adds the texts it already has
            }
            case VOYAGE -> {
                r.topN().ifPresent(n -> body.put("top_k", n));
                body.put("return_documents", false);
            }
            case TEI -> body.put("raw_scores", false).put("return_text", false);
        }
        return body;
    }

    /**
     * The canonical answer: results most relevant first, cut to {@code top_n} where the upstream does not cut
     * (TEI). Throws {@link IllegalArgumentException} when a result names no document of the request.
     */
    public RerankResponse answer(JsonNode reply, RerankRequest request) {
        JsonNode items = switch (this) {
            case COHERE, JINA -> reply.path("results");
            case VOYAGE -> reply.path("data");
            case TEI -> reply;
        };
        List<RerankResult> results = new ArrayList<>();
        for (JsonNode item : items) {
            int index = item.path("index").asInt(-1);
            if (index < 0 || index >= request.documents().size()) {
                throw new IllegalArgumentException("the upstream ranked a document that was not sent: " + item);
            }
            double score = item.path(this == TEI ? "score" : "relevance_score").asDouble();
            results.add(new RerankResult(index, score));
        }
        results.sort(Comparator.comparingDouble(RerankResult::relevanceScore).reversed());
        if (request.topN().isPresent() && results.size() > request.topN().getAsInt()) {
            results = results.subList(0, request.topN().getAsInt());
        }
        Optional<String> id = reply.path("id").isString() ? Optional.of(reply.path("id").asString())
                : Optional.empty();
        JsonNode total = reply.path("usage").path("total_tokens");
        OptionalLong tokens = total.isNumber() ? OptionalLong.of(total.asLong()) : OptionalLong.empty();
        JsonNode units = reply.path("meta").path("billed_units").path("search_units");
        OptionalDouble searchUnits = units.isNumber() ? OptionalDouble.of(units.asDouble()) : OptionalDouble.empty();
        return new RerankResponse(id, results, tokens, searchUnits);
    }
}
