package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/rerank} over HTTP in the Cohere v2 / Jina shape, answered by each rerank upstream in its own wire
 * shape (Cohere {@code /v2/rerank}, Jina {@code /v1/rerank}, Voyage with {@code top_k} and {@code data}, Hugging
 * Face TEI with {@code texts} and an array): the same ranking comes back in one shape.
 */
class RerankTest {

    private static final String DOCUMENTS = """
            ["Paris is the capital of France", "the capital of Germany is Berlin", "bananas are yellow"]""";

    private static MockUpstream upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers:
                  jina: {base_url: "%s/v1", rerank_api: jina}
                  voyage: {base_url: "%s/voyage/v1", rerank_api: voyage}
                  tei: {base_url: "%s", rerank_api: tei}
                """.formatted(Gateway.KEY, upstream.rootUrl(), upstream.rootUrl(), upstream.rootUrl()),
                Map.of("COHERE_BASE_URL", upstream.rootUrl(), "COHERE_API_KEY", "co-upstream-0123456789"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
    }

    private static HttpResponse<String> rerank(String model, String extra) {
        return gateway.post("/v1/rerank", """
                {"model":"%s","query":"what is the capital of France","documents":%s%s}"""
                .formatted(model, DOCUMENTS, extra), "authorization", "Bearer " + Gateway.KEY);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.tryParse(response.body()).orElseThrow();
    }

    private static List<Integer> indexes(JsonNode body) {
        return body.path("results").valueStream().map(r -> r.path("index").asInt()).toList();
    }

    private static RecordedRequest last() {
        return upstream.lastRequest().orElseThrow();
    }

    @Test
    void cohereRanksTheDocumentsAndBillsASearchUnit() {
        HttpResponse<String> answer = rerank("cohere/rerank-v3.5", ",\"top_n\":2,\"return_documents\":true");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = json(answer);
        assertThat(indexes(body)).containsExactly(0, 1);
        assertThat(body.path("results").path(0).path("document").path("text").asString())
                .isEqualTo("Paris is the capital of France");
        assertThat(body.path("meta").path("billed_units").path("search_units").asDouble()).isEqualTo(1.0);
        assertThat(last().path()).isEqualTo("/v2/rerank");
        assertThat(last().json().path("top_n").asInt()).isEqualTo(2);
    }

    @Test
    void jinaAnswersTheSameRankingWithItsTokens() {
        JsonNode body = json(rerank("jina/jina-reranker-v2-base-multilingual", ",\"top_n\":3"));

        assertThat(indexes(body)).containsExactly(0, 1, 2);
        assertThat(body.path("usage").path("total_tokens").asLong()).isPositive();
        assertThat(last().path()).isEqualTo("/v1/rerank");
    }

    @Test
    void voyageIsAskedWithTopKAndAnsweredAsResults() {
        JsonNode body = json(rerank("voyage/rerank-2", ",\"top_n\":1"));

        assertThat(indexes(body)).containsExactly(0);
        assertThat(last().path()).isEqualTo("/voyage/v1/rerank");
        assertThat(last().json().path("top_k").asInt()).isEqualTo(1);
        assertThat(last().json().has("top_n")).isFalse();
    }

    @Test
    void teiIsAskedWithTextsAndItsArrayIsCutToTopN() {
        JsonNode body = json(rerank("tei/bge-reranker-v2-m3", ",\"top_n\":2"));

        assertThat(indexes(body)).containsExactly(0, 1);
        assertThat(last().path()).isEqualTo("/rerank");
        assertThat(last().json().path("texts").size()).isEqualTo(3);
    }

    @Test
    void documentsMayBeObjectsWithText() {
        HttpResponse<String> answer = gateway.post("/v1/rerank", """
                {"model":"cohere/rerank-v3.5","query":"bananas","documents":[{"text":"apples"},{"text":"bananas"}]}""",
                "authorization", "Bearer " + Gateway.KEY);

        assertThat(indexes(json(answer))).containsExactly(1, 0);
    }

    @Test
    void aRequestWithoutDocumentsIsABadRequestInOpenAisShape() {
        HttpResponse<String> answer = gateway.post("/v1/rerank", """
                {"model":"cohere/rerank-v3.5","query":"x","documents":[]}""", "authorization",
                "Bearer " + Gateway.KEY);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").path("param").asString()).isEqualTo("documents");
        assertThat(upstream.requests()).isEmpty();
    }
}
