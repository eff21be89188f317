package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.ManualClock;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The semantic cache on a real gateway (memory backend) against the mock upstream, whose {@code embed-words} model
 * is a bag-of-words embedder: a paraphrase sharing the words hits (in another dialect too), one with another word
 * is below the threshold and misses; the embedding call is routed to the mock and priced, and skipped on an exact
 * hit; another caller's paraphrase misses; entries expire by the gateway's clock; a restart keeps the index.
 */
class SemanticCacheTest {

    static final String OTHER_KEY = "jk-other-0123456789abcdef";
    static final String ADMIN_KEY = "jk-admin-0123456789abcdef";
    static final String ANSWER = "Paris, of course";
    static final ManualClock CLOCK = ManualClock.at("2026-12-07T12:00:00Z");
    static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "sk-upstream-openai-0123456789");
    static MockUpstream upstream;
    static Path dataDir;
    static Gateway gateway;

    static String yaml() {
        return """
                keys: [{name: tests, key: %s}, {name: other, key: %s}]
                admin_keys: [{name: admin, key: %s}]
                cache:
                  ttl: 60s
                  routes:
                    cached: {semantic: {enabled: true, embedding_model: embed-words, threshold: 0.9, ttl: 30s}}
                    unrouted: {semantic: {embedding_model: no-such-embedder}}
                routes:
                  cached: {steps: [{provider: openai, model: gpt-4o}]}
                  unrouted: {steps: [{provider: openai, model: gpt-4o}]}
                  plain: {steps: [{provider: openai, model: gpt-4o}]}
                  embed-words: {steps: [{provider: openai, model: embed-words}]}
                pricing:
                  overrides: {embed-words: {input: 1000, output: 0}}
                """.formatted(Gateway.KEY, OTHER_KEY, ADMIN_KEY);
    }

    static Map<String, String> env() {
        return Map.of("OPENAI_BASE_URL", upstream.baseUrl(), "OPENAI_API_KEY", ENV.get("OPENAI_API_KEY"),
                "JUNCTION_DATA_DIR", dataDir.toString());
    }

    @BeforeAll
    static void start() throws Exception {
        upstream = MockUpstream.start();
        dataDir = Files.createTempDirectory("junction-semantic-");
        gateway = Gateway.start(yaml(), env(), CLOCK);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
        upstream.setDefault(Behavior.reply(ANSWER));
    }

    /** A word no other test uses, so that every test has partitions' neighbours of its own. */
    private static String word() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static HttpResponse<String> openAi(Gateway on, String key, String prompt, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "authorization";
        all[1] = "Bearer " + key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return on.post("/v1/chat/completions", """
                {"model":"cached","temperature":0,"max_tokens":256,
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(prompt), all);
    }

    private static HttpResponse<String> openAi(String prompt, String... headers) {
        return openAi(gateway, Gateway.KEY, prompt, headers);
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("(none)");
    }

    private static long embeddingCalls() {
        return upstream.requests().stream().filter(r -> r.path().endsWith("/embeddings")).count();
    }

    private static long chatCalls() {
        return upstream.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).count();
    }

    private static JsonNode logLine(Gateway on, HttpResponse<String> response) {
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        String line = on.awaitLog(id).lines().filter(l -> l.contains("\"request_id\":\"" + id + "\""))
                .findFirst().orElseThrow();
        return Json.MAPPER.readTree(line);
    }

    @Test
    void aParaphraseIsServedByMeaningWithItsSimilarity() {
        String w = word();
        HttpResponse<String> first = openAi("What is the capital of France " + w + "?");
        assertThat(header(first, "x-cache")).isEqualTo("MISS");

        HttpResponse<String> paraphrase = openAi("Tell me the capital of france, " + w + ", please");

        assertThat(header(paraphrase, "x-cache")).isEqualTo("HIT");
        assertThat(header(paraphrase, "x-cache-kind")).isEqualTo("semantic");
        assertThat(Double.parseDouble(header(paraphrase, "x-cache-similarity"))).isBetween(0.9, 1.0);
        assertThat(Json.MAPPER.readTree(paraphrase.body()).at("/choices/0/message/content").asString())
                .isEqualTo(ANSWER);
        assertThat(chatCalls()).as("only the first request reached the chat upstream").isEqualTo(1);
        assertThat(embeddingCalls()).as("each request embedded its text once").isEqualTo(2);
        JsonNode line = logLine(gateway, paraphrase);
        assertThat(line.path("cache").asString()).isEqualTo("semantic");
        assertThat(line.path("cost_usd").asDouble()).as("the hit is free; its embedding call is not").isPositive();
    }

    /** The request-log row of {@code response}, once the write-behind writer has stored it (a bounded wait). */
    private static JsonNode row(HttpResponse<String> response) throws InterruptedException {
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> answer = gateway.get("/api/admin/requests/" + id, "authorization", "Bearer " + ADMIN_KEY);
        while (answer.statusCode() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = gateway.get("/api/admin/requests/" + id, "authorization", "Bearer " + ADMIN_KEY);
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.MAPPER.readTree(answer.body());
    }

    @Test
    void theRequestLogRowSaysWhatTheCacheDidAndWhatAHitSaved() throws Exception {
        String w = word();
        HttpResponse<String> miss = openAi("Boiling point of water " + w);
        HttpResponse<String> hit = openAi("water: boiling point? " + w);
        HttpResponse<String> bypass = openAi("Boiling point of water " + w, "x-junction-cache", "off");

        JsonNode missRow = row(miss);
        JsonNode hitRow = row(hit);
        assertThat(missRow.path("cache").asString()).isEqualTo("miss");
        assertThat(missRow.path("cache_hit").asBoolean()).isFalse();
        assertThat(hitRow.path("cache").asString()).isEqualTo("semantic");
        assertThat(hitRow.path("cache_hit").asBoolean()).isTrue();
        assertThat(hitRow.path("cache_saved_usd").asDouble()).as("the miss's metered chat cost")
                .isPositive();
        assertThat(hitRow.at("/costs/metered_usd").asDouble()).as("only the embedding call is metered")
                .isPositive().isLessThan(missRow.at("/costs/metered_usd").asDouble());
        assertThat(row(bypass).path("cache").asString()).isEqualTo("bypass");
    }

    @Test
    void aRequestBelowTheThresholdIsAMissAndIsStoredByMeaningToo() {
        String w = word();
        openAi("capital of France " + w);

        HttpResponse<String> other = openAi("capital city of France " + w);

        assertThat(header(other, "x-cache")).isEqualTo("MISS");
        assertThat(header(other, "x-cache-similarity")).isEqualTo("(none)");
        assertThat(chatCalls()).isEqualTo(2);
        HttpResponse<String> again = openAi("France capital city " + w);
        assertThat(header(again, "x-cache-kind")).isEqualTo("semantic");
        assertThat(header(again, "x-cache-similarity")).isEqualTo("1.0000");
    }

    @Test
    void anEntryMadeForAnOpenAiClientIsFoundByMeaningForAnthropicAndGeminiClients() {
        String w = word();
        openAi("Which river flows through Vienna " + w + "?");

        HttpResponse<String> anthropic = gateway.post("/v1/messages", """
                {"model":"cached","temperature":0,"max_tokens":256,
                 "messages":[{"role":"user","content":"which river flows through vienna %s"}]}""".formatted(w),
                "x-api-key", Gateway.KEY);
        HttpResponse<String> gemini = gateway.post("/v1beta/models/cached:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"Vienna: which river flows through %s?"}]}],
                 "generationConfig":{"temperature":0,"maxOutputTokens":256}}""".formatted(w),
                "x-goog-api-key", Gateway.KEY);

        assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(200);
        assertThat(header(anthropic, "x-cache-kind")).isEqualTo("semantic");
        assertThat(Json.MAPPER.readTree(anthropic.body()).at("/content/0/text").asString()).isEqualTo(ANSWER);
        assertThat(gemini.statusCode()).as(gemini.body()).isEqualTo(200);
        assertThat(header(gemini, "x-cache-kind")).isEqualTo("semantic");
        assertThat(Json.MAPPER.readTree(gemini.body()).at("/candidates/0/content/parts/0/text").asString())
                .isEqualTo(ANSWER);
        assertThat(chatCalls()).isEqualTo(1);
    }

    @Test
    void anotherCallersParaphraseIsAMiss() {
        String w = word();
        openAi("How tall is Mount Everest " + w);

        HttpResponse<String> other = openAi(gateway, OTHER_KEY, "how tall is mount everest " + w + "?");

        assertThat(header(other, "x-cache")).isEqualTo("MISS");
        assertThat(chatCalls()).isEqualTo(2);
    }

    @Test
    void anExactHitMakesNoEmbeddingCall() {
        String prompt = "Name the largest planet " + word();
        openAi(prompt);
        long embedded = embeddingCalls();

        HttpResponse<String> hit = openAi(prompt);

        assertThat(header(hit, "x-cache-kind")).isEqualTo("exact");
        assertThat(embeddingCalls()).isEqualTo(embedded);
        assertThat(logLine(gateway, hit).path("cost_usd").asDouble()).isZero();
    }

    @Test
    void aRequestCanAskForTheExactCacheOnlyOrForTheSemanticOne() {
        String w = word();
        openAi("Who painted the Mona Lisa " + w);

        HttpResponse<String> exactOnly = openAi("mona lisa painted who " + w, "x-junction-cache", "exact");
        HttpResponse<String> semantic = openAi("Mona Lisa: who painted it? " + w, "x-junction-cache", "semantic");

        assertThat(header(exactOnly, "x-cache")).isEqualTo("MISS");
        assertThat(header(semantic, "x-cache-kind")).isEqualTo("semantic");
    }

    @Test
    void anEntryFoundByMeaningExpiresAfterItsSemanticTtl() {
        String w = word();
        openAi("What colour is the sky " + w);
        CLOCK.advance(Duration.ofSeconds(29));
        assertThat(header(openAi("sky colour " + w + "?"), "x-cache-kind")).isEqualTo("semantic");

        CLOCK.advance(Duration.ofSeconds(2));

        assertThat(header(openAi("the sky: what colour " + w), "x-cache")).isEqualTo("MISS");
    }

    @Test
    void anEmbeddingModelWithoutARouteLeavesTheRequestAnExactMiss() {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model":"unrouted","temperature":0,"messages":[{"role":"user","content":"Is the ocean salty %s"}]}"""
                .formatted(word()), "authorization", "Bearer " + Gateway.KEY, "x-junction-cache", "semantic");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "x-cache")).isEqualTo("MISS");
        assertThat(header(response, "x-cache-semantic")).isEqualTo("unavailable");
        assertThat(embeddingCalls()).isZero();
    }

    @Test
    void askingForTheSemanticCacheWhereNoneIsConfiguredIsA400InTheClientsDialect() {
        HttpResponse<String> response = gateway.post("/v1/messages", """
                {"model":"plain","temperature":0,"max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""",
                "x-api-key", Gateway.KEY, "x-junction-cache", "semantic");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(response.body()).at("/error/type").asString())
                .isEqualTo("invalid_request_error");
        assertThat(response.body()).contains("embedding_model");
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void aRestartedGatewayKeepsItsIndex() {
        String w = word();
        openAi("How many legs does a spider have " + w);
        gateway.close();
        gateway = Gateway.start(yaml(), env(), CLOCK);

        HttpResponse<String> paraphrase = openAi("how many legs does a spider have, " + w + "?");

        assertThat(header(paraphrase, "x-cache-kind")).isEqualTo("semantic");
        assertThat(chatCalls()).isEqualTo(1);
    }
}
