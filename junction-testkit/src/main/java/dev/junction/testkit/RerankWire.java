package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rerank APIs, each at its own path below {@link MockUpstream#rootUrl()}:
 *
 * <ul>
 *   <li>{@code POST /v2/rerank}: Cohere ({@code model, query, documents, top_n}); answers {@code {id, results:
 *       [{index, relevance_score}], meta: {billed_units: {search_units}}}}, one search unit per 100 documents.
 *   <li>{@code POST /v1/rerank}: Jina, and vLLM ({@code model, query, documents, top_n, return_documents}); answers
 *       {@code {model, results: [{index, relevance_score, document?: {text}}], usage: {total_tokens}}}.
 *   <li>{@code POST /voyage/v1/rerank}: Voyage (base URL {@code <root>/voyage/v1}; {@code model, query, documents,
 *       top_k, return_documents}); answers {@code {object: "list", data: [{index, relevance_score, document?}],
 *       model, usage: {total_tokens}}}.
 *   <li>{@code POST /rerank}: Hugging Face TEI ({@code query, texts, raw_scores}); answers {@code [{index, score}]}
 *       for every text.
 * </ul>
 *
 * Scores are deterministic: the share of a document's words that appear in the query, so the document that repeats
 * the query ranks first; ties go to the earlier document. Tokens are words (query and documents). A body without a
 * query or documents is a 400 in the API's error shape; other behaviours apply as for chat.
 */
final class RerankWire implements Wire {

    private static final Set<String> PATHS = Set.of("/v2/rerank", "/v1/rerank", "/voyage/v1/rerank", "/rerank");

    private final Responder responder;

    RerankWire(Responder responder) {
        this.responder = responder;
    }

    static boolean serves(String path) {
        return PATHS.contains(path);
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.OPENAI;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        String path = request.path();
        String api = switch (path) {
            case "/v2/rerank" -> "cohere";
            case "/voyage/v1/rerank" -> "voyage";
            case "/rerank" -> "tei";
            default -> "jina";
        };
        String docsField = api.equals("tei") ? "texts" : "documents";
        if (request.method() != HttpMethod.POST || !json.path("query").isString() || !json.path(docsField).isArray()
                || json.path(docsField).isEmpty() || !api.equals("tei") && !json.path("model").isString()) {
            String message = "invalid request: 'query' and a non-empty '" + docsField + "' are required";
            Buffer body = api.equals("cohere") ? CohereWire.error(message)
                    : JsonText.buffer(JsonText.MAPPER.createObjectNode().put("detail", message));
            exchange.respond(400, Exchange.APPLICATION_JSON, Map.of(), body);
            return;
        }
        responder.answer(exchange, new Format(api, json, docsField), "");
    }

    /** Scores and renders one request's answer. */
    private record Format(String api, JsonNode json, String docsField) implements AnswerFormat {

        private List<String> documents() {
            List<String> docs = new ArrayList<>();
            json.path(docsField).forEach(d -> docs.add(d.isString() ? d.asString() : d.path("text").asString("")));
            return docs;
        }

        static Set<String> words(String text) {
            Set<String> words = new java.util.HashSet<>();
            for (String w : text.toLowerCase(Locale.ROOT).split("\\W+")) {
                if (!w.isBlank()) {
                    words.add(w);
                }
            }
            return words;
        }

        static double score(String query, String document) {
            List<String> docWords = List.of(document.toLowerCase(Locale.ROOT).split("\\W+"));
            Set<String> queryWords = words(query);
            long shared = docWords.stream().filter(queryWords::contains).count();
            return docWords.isEmpty() ? 0 : (double) shared / docWords.size();
        }

        @Override
        public boolean streams() {
            return false;
        }

        @Override
        public CharSequence jsonContentType() {
            return Exchange.APPLICATION_JSON;
        }

        @Override
        public CharSequence streamContentType() {
            return Exchange.APPLICATION_JSON;
        }

        @Override
        public Buffer body(Answer ignored) {
            String query = json.path("query").asString();
            List<String> docs = documents();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble((Integer i) -> -score(query, docs.get(i))).thenComparing(i -> i));
            int top = json.path(api.equals("voyage") ? "top_k" : "top_n").asInt(docs.size());
            if (!api.equals("tei")) {
                order = order.subList(0, Math.min(top, order.size()));
            }
            boolean withText = json.path("return_documents").asBoolean(false);
            long tokens = words(query).size() + docs.stream().mapToLong(d -> d.split("\\s+").length).sum();
            if (api.equals("tei")) {
                ArrayNode array = JsonText.MAPPER.createArrayNode();
                order.forEach(i -> array.addObject().put("index", i).put("score", score(query, docs.get(i))));
                return JsonText.buffer(array);
            }
            ObjectNode body = JsonText.MAPPER.createObjectNode();
            ArrayNode results = api.equals("voyage") ? body.put("object", "list").putArray("data")
                    : body.putArray("results");
            for (int i : order) {
                ObjectNode item = results.addObject().put("index", i).put("relevance_score", score(query, docs.get(i)));
                if (withText) {
                    if (api.equals("voyage")) {
                        item.put("document", docs.get(i));
                    } else {
                        item.putObject("document").put("text", docs.get(i));
                    }
                }
            }
            if (api.equals("cohere")) {
                body.put("id", "rerank-mock");
                body.putObject("meta").putObject("billed_units").put("search_units", (docs.size() + 99) / 100);
            } else {
                body.put("model", json.path("model").asString());
                body.putObject("usage").put("total_tokens", tokens);
            }
            return JsonText.buffer(body);
        }

        @Override
        public List<Buffer> events(Answer answer) {
            throw new UnsupportedOperationException("rerank is never streamed");
        }

        @Override
        public Buffer streamError(int position) {
            throw new UnsupportedOperationException("rerank is never streamed");
        }

        @Override
        public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
            return api.equals("cohere") ? CohereWire.error("mock error " + status)
                    : Buffer.buffer(OpenAiError.forStatus(status, json.path("model").asString("")).toJson());
        }

        @Override
        public Buffer mockFailure(String message) {
            return Buffer.buffer(OpenAiError.mockFailure(message).toJson());
        }
    }
}
