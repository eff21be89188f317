package dev.junction.endpoint.rerank;

import dev.junction.json.Json;
import dev.junction.model.GatewayException;
import dev.junction.rerank.RerankRequest;
import dev.junction.rerank.RerankResponse;
import dev.junction.rerank.RerankResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's side of {@code /v1/rerank}, both ways: {@code {model, query, documents, top_n, return_documents,
 * max_tokens_per_doc}} (documents as strings or objects with {@code text}; {@code top_k} accepted for
 * {@code top_n}) in, {@code {id?, results: [{index, relevance_score, document?: {text}}], usage?}} out. Stateless.
 */
final class RerankJson {

    private static final Set<String> FIELDS = Set.of("model", "query", "documents", "top_n", "top_k",
            "return_documents", "max_tokens_per_doc", "rank_fields", "user");

    private RerankJson() {}

    /** The request a body describes. Throws {@link GatewayException} naming the bad field. */
    static RerankRequest request(ObjectNode body) {
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw GatewayException.invalid(name, "Unrecognized request argument supplied: " + name);
            }
        }
        if (!body.path("model").isString() || body.path("model").asString().isBlank()) {
            throw GatewayException.invalid("model", "Missing required parameter: 'model'.");
        }
        if (!body.path("query").isString() || body.path("query").asString().isBlank()) {
            throw GatewayException.invalid("query", "Missing required parameter: 'query' (a non-empty string).");
        }
        JsonNode docs = body.path("documents");
        if (!docs.isArray() || docs.isEmpty() || docs.size() > RerankRequest.MAX_DOCUMENTS) {
            throw GatewayException.invalid("documents", "Invalid 'documents': expected 1 to "
                    + RerankRequest.MAX_DOCUMENTS + " strings or objects with 'text'.");
        }
        List<String> documents = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            JsonNode d = docs.get(i);
            if (d.isString()) {
                documents.add(d.asString());
            } else if (d.isObject() && d.path("text").isString()) {
                documents.add(d.path("text").asString());
            } else {
                throw GatewayException.invalid("documents", "Invalid 'documents[" + i + "]': expected a string or "
                        + "an object with 'text'.");
            }
        }
        OptionalInt topN = positive(body, body.has("top_n") ? "top_n" : "top_k");
        return new RerankRequest(body.path("model").asString(), body.path("query").asString(), documents, topN,
                body.path("return_documents").asBoolean(false), positive(body, "max_tokens_per_doc"));
    }

    private static OptionalInt positive(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return OptionalInt.empty();
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw GatewayException.invalid(field, "Invalid '" + field + "': expected an integer of at least 1.");
        }
        return OptionalInt.of(v.asInt());
    }

    /** The answer, with each document's text when the client asked for it, and the tokens when known. */
    static ObjectNode response(RerankRequest request, RerankResponse response, String id) {
        ObjectNode body = Json.object().put("id", response.id().orElse(id));
        ArrayNode results = body.putArray("results");
        for (RerankResult r : response.results()) {
            ObjectNode item = results.addObject().put("index", r.index()).put("relevance_score", r.relevanceScore());
            if (request.returnDocuments()) {
                item.putObject("document").put("text", request.documents().get(r.index()));
            }
        }
        ObjectNode meta = body.putObject("meta");
        ObjectNode billed = meta.putObject("billed_units");
        response.searchUnits().ifPresent(u -> billed.put("search_units", u));
        response.tokens().ifPresent(t -> {
            billed.put("input_tokens", t);
            body.putObject("usage").put("total_tokens", t);
        });
        return body;
    }
}
