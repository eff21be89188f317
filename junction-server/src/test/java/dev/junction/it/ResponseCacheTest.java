package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.ManualClock;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact response cache on a real gateway (memory backend) against the mock upstream: an answer made for one
 * dialect is served to the others, as a stream read by each official SDK's stream reader; entries expire by the
 * gateway's clock; {@code no-cache} and {@code no-store}; scopes; errors and cut streams are never stored.
 */
class ResponseCacheTest {

    static final String OTHER_KEY = "jk-other-0123456789abcdef";
    static final String ADMIN_KEY = "jk-admin-0123456789abcdef";
    static final String ANSWER = "Cached words from the upstream";
    static MockUpstream upstream;
    static Gateway gateway;
    static final ManualClock CLOCK = ManualClock.at("2026-12-07T12:00:00Z");

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}, {name: other, key: %s}]
                admin_keys: [{name: admin, key: %s}]
                cache: {ttl: 60s, max_entries: 1000, routes: {paced: {replay_pace: 40ms}}}
                routes:
                  cached: {steps: [{provider: openai, model: gpt-4o}]}
                  paced: {steps: [{provider: openai, model: gpt-4o}]}
                """.formatted(Gateway.KEY, OTHER_KEY, ADMIN_KEY), Map.of("OPENAI_BASE_URL", upstream.baseUrl(),
                "OPENAI_API_KEY", "sk-upstream-openai-0123456789"), CLOCK);
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

    /** A prompt no other test asks, so that every test starts with an empty cache for it. */
    private static String prompt() {
        return "question " + UUID.randomUUID();
    }

    static HttpResponse<String> openAi(String prompt, boolean stream, String... headers) {
        return openAi(Gateway.KEY, prompt, stream, headers);
    }

    static HttpResponse<String> openAi(String key, String prompt, boolean stream, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "authorization";
        all[1] = "Bearer " + key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return gateway.post("/v1/chat/completions", """
                {"model":"cached","temperature":0,"max_tokens":256,"stream":%s,
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(stream, prompt), all);
    }

    private static String xCache(HttpResponse<String> response) {
        return response.headers().firstValue("x-cache").orElse("(none)");
    }

    private static String text(HttpResponse<String> openAiBody) {
        return Json.MAPPER.readTree(openAiBody.body()).at("/choices/0/message/content").asString();
    }

    @Test
    void anAnswerMadeForAnOpenAiClientIsServedToAnthropicAndGeminiStreams() {
        String prompt = prompt();
        HttpResponse<String> first = openAi(prompt, false);
        assertThat(xCache(first)).isEqualTo("MISS");
        assertThat(text(first)).isEqualTo(ANSWER);

        MessageAccumulator accumulator = MessageAccumulator.create();
        AnthropicClient anthropic = Sdks.anthropic(gateway);
        try (StreamResponse<RawMessageStreamEvent> events = anthropic.messages().createStreaming(
                MessageCreateParams.builder().model("cached").maxTokens(256)
                        .putAdditionalBodyProperty("temperature", JsonValue.from(0)).addUserMessage(prompt).build())) {
            events.stream().forEach(accumulator::accumulate);
        } finally {
            anthropic.close();
        }
        StringBuilder anthropicText = new StringBuilder();
        accumulator.message().content().forEach(b -> b.text().ifPresent(t -> anthropicText.append(t.text())));
        assertThat(anthropicText.toString()).isEqualTo(ANSWER);
        assertThat(accumulator.message().usage().outputTokens()).isPositive();

        StringBuilder geminiText = new StringBuilder();
        Client google = Sdks.google(gateway);
        try (ResponseStream<GenerateContentResponse> stream = google.models.generateContentStream("cached", prompt,
                GenerateContentConfig.builder().temperature(0f).maxOutputTokens(256).build())) {
            stream.forEach(chunk -> geminiText.append(chunk.text() == null ? "" : chunk.text()));
        }
        assertThat(geminiText.toString()).isEqualTo(ANSWER);
        assertThat(upstream.requestCount()).as("only the first request reached the upstream").isEqualTo(1);
    }

    @Test
    void aHitSaysSoInItsHeadersAndIsReplayedAsAStreamToAnOpenAiStreamReader() {
        String prompt = prompt();
        String key = openAi(prompt, false).headers().firstValue("x-cache-key").orElseThrow();

        HttpResponse<String> hit = openAi(prompt, false);

        assertThat(xCache(hit)).isEqualTo("HIT");
        assertThat(hit.headers().firstValue("x-cache-kind")).hasValue("exact");
        assertThat(hit.headers().firstValue("x-cache-key")).hasValue(key);
        assertThat(Long.parseLong(hit.headers().firstValue("x-cache-ttl").orElseThrow())).isBetween(1L, 60L);
        assertThat(text(hit)).isEqualTo(ANSWER);

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> chunks = gateway.sdk().chat().completions()
                .createStreaming(ChatCompletionCreateParams.builder().model("cached").temperature(0.0)
                        .maxTokens(256).addUserMessage(prompt).build())) {
            chunks.stream().forEach(accumulator::accumulate);
        }
        assertThat(accumulator.chatCompletion().choices().getFirst().message().content()).hasValue(ANSWER);
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void aRouteWithAReplayPaceStreamsAHitWordByWordNoFasterThanThePace() {
        String prompt = prompt();
        String body = """
                {"model":"paced","temperature":0,"max_tokens":256,"stream":%s,
                 "messages":[{"role":"user","content":"%s"}]}""";
        assertThat(xCache(gateway.post("/v1/chat/completions", body.formatted(false, prompt)))).isEqualTo("MISS");

        long started = System.nanoTime();
        HttpResponse<String> hit = gateway.post("/v1/chat/completions", body.formatted(true, prompt));
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(xCache(hit)).isEqualTo("HIT");
        List<String> pieces = hit.body().lines().filter(l -> l.startsWith("data: {"))
                .map(l -> Json.MAPPER.readTree(l.substring(6)).at("/choices/0/delta/content").asString(""))
                .filter(t -> !t.isEmpty()).toList();
        assertThat(String.join("", pieces)).isEqualTo(ANSWER);
        assertThat(pieces).as("one event per word").hasSize(ANSWER.split(" ").length);
        // A lower bound only: timers cannot fire early, so this holds however slow the machine is.
        assertThat(tookMs).as("40 ms before each of the words").isGreaterThanOrEqualTo(40L * pieces.size());
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void aStreamedAnswerRelayedOnTheFastPathIsStoredForCompleteRequests() {
        String prompt = prompt();
        HttpResponse<String> streamed = openAi(prompt, true);
        assertThat(xCache(streamed)).isEqualTo("MISS");
        assertThat(streamed.body()).contains("[DONE]");

        HttpResponse<String> hit = openAi(prompt, false);

        assertThat(xCache(hit)).isEqualTo("HIT");
        assertThat(text(hit)).isEqualTo(ANSWER);
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void anEntryExpiresByTheGatewaysClock() {
        String prompt = prompt();
        openAi(prompt, false);
        CLOCK.advance(Duration.ofSeconds(59));
        assertThat(xCache(openAi(prompt, false))).isEqualTo("HIT");

        CLOCK.advance(Duration.ofSeconds(2));

        assertThat(xCache(openAi(prompt, false))).isEqualTo("MISS");
        assertThat(upstream.requestCount()).isEqualTo(2);
    }

    @Test
    void aRequestedTtlOverridesTheConfiguredOne() {
        String prompt = prompt();
        HttpResponse<String> miss = openAi(prompt, false, "x-junction-cache-ttl", "5");
        assertThat(miss.headers().firstValue("x-cache-ttl")).hasValue("5");
        CLOCK.advance(Duration.ofSeconds(6));

        assertThat(xCache(openAi(prompt, false))).isEqualTo("MISS");
    }

    @Test
    void noCacheSkipsTheLookupAndRefreshesTheEntry() {
        String prompt = prompt();
        openAi(prompt, false);
        upstream.setDefault(Behavior.reply("A fresher answer"));

        HttpResponse<String> refreshed = openAi(prompt, false, "cache-control", "no-cache");

        assertThat(xCache(refreshed)).isEqualTo("MISS");
        assertThat(text(refreshed)).isEqualTo("A fresher answer");
        HttpResponse<String> hit = openAi(prompt, false);
        assertThat(xCache(hit)).isEqualTo("HIT");
        assertThat(text(hit)).isEqualTo("A fresher answer");
    }

    @Test
    void noStoreNeitherReadsNorWrites() {
        String prompt = prompt();
        openAi(prompt, false);

        HttpResponse<String> bypassed = openAi(prompt, false, "cache-control", "no-store");
        assertThat(xCache(bypassed)).isEqualTo("BYPASS");
        String other = prompt();
        assertThat(xCache(openAi(other, false, "cache-control", "no-store"))).isEqualTo("BYPASS");

        assertThat(xCache(openAi(other, false))).isEqualTo("MISS");
        assertThat(upstream.requestCount()).isEqualTo(4);
    }

    @Test
    void offBypassesTheCacheAndSemanticWithoutAnEmbeddingModelIsRefusedInTheClientsDialect() {
        String prompt = prompt();
        assertThat(xCache(openAi(prompt, false, "x-junction-cache", "off"))).isEqualTo("BYPASS");

        HttpResponse<String> semantic = openAi(prompt, false, "x-junction-cache", "semantic");

        assertThat(semantic.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(semantic.body()).at("/error/message").asString())
                .contains("no semantic cache").contains("embedding_model");
    }

    @Test
    void anotherCallersIdenticalRequestIsAMiss() {
        String prompt = prompt();
        openAi(prompt, false);

        HttpResponse<String> other = openAi(OTHER_KEY, prompt, false);

        assertThat(xCache(other)).isEqualTo("MISS");
        assertThat(upstream.requestCount()).isEqualTo(2);
    }

    @Test
    void sampledRequestsAreNotCachedUnlessTheyAskForTheExactCache() {
        String prompt = prompt();
        String body = """
                {"model":"cached","messages":[{"role":"user","content":"%s"}]}""".formatted(prompt);
        HttpResponse<String> sampled = gateway.post("/v1/chat/completions", body, "authorization",
                "Bearer " + Gateway.KEY);
        assertThat(xCache(sampled)).isEqualTo("BYPASS");
        assertThat(sampled.headers().firstValue("x-cache-bypass")).hasValue("sampled");

        gateway.post("/v1/chat/completions", body, "authorization", "Bearer " + Gateway.KEY, "x-junction-cache",
                "exact");
        HttpResponse<String> hit = gateway.post("/v1/chat/completions", body, "authorization", "Bearer " + Gateway.KEY,
                "x-junction-cache", "exact");
        assertThat(xCache(hit)).isEqualTo("HIT");
    }

    @Test
    void anErrorIsNeverStored() {
        String prompt = prompt();
        upstream.enqueue(Behavior.status(500));
        assertThat(openAi(prompt, false).statusCode()).isGreaterThanOrEqualTo(500);

        assertThat(xCache(openAi(prompt, false))).isEqualTo("MISS");
        assertThat(xCache(openAi(prompt, false))).isEqualTo("HIT");
    }

    @Test
    void aCutStreamIsNeverStored() {
        String prompt = prompt();
        upstream.enqueue(Behavior.reply("one two three four five six seven eight").cutAfterEvents(2));
        HttpResponse<String> cut = openAi(prompt, true);
        assertThat(cut.body()).doesNotContain("[DONE]");

        assertThat(xCache(openAi(prompt, false))).isEqualTo("MISS");
        assertThat(upstream.requestCount()).isEqualTo(2);
    }

    @Test
    void aHitCountsAgainstTheRequestRateAndCostsNothing() {
        String prompt = prompt();
        Provision.IssuedKey key = new Provision(gateway).key(Provision.rpm(3), java.util.List.of());
        assertThat(xCache(openAi(key.plaintext(), prompt, false))).isEqualTo("MISS");
        HttpResponse<String> hit = openAi(key.plaintext(), prompt, false);
        assertThat(xCache(hit)).isEqualTo("HIT");
        assertThat(xCache(openAi(key.plaintext(), prompt, false))).isEqualTo("HIT");

        assertThat(openAi(key.plaintext(), prompt, false).statusCode()).as("RPM counts hits").isEqualTo(429);
        String id = hit.headers().firstValue("x-request-id").orElseThrow();
        String line = gateway.awaitLog(id).lines().filter(l -> l.contains("\"request_id\":\"" + id + "\""))
                .findFirst().orElseThrow();
        assertThat(Json.MAPPER.readTree(line).path("cost_usd").asDouble()).isZero();
        assertThat(Json.MAPPER.readTree(line).path("cache").asString()).isEqualTo("exact");
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void theAdminApiShowsHitsAndDropsAScopesEntries() {
        String prompt = prompt();
        openAi(prompt, false);
        openAi(prompt, false);

        var overview = Json.MAPPER.readTree(gateway.get("/api/admin/cache", "authorization", "Bearer " + ADMIN_KEY)
                .body());
        assertThat(overview.path("entries").asLong()).isPositive();
        assertThat(overview.at("/routes/cached/hits").asLong()).isPositive();
        assertThat(overview.at("/keys/tests/hit_rate").asDouble()).isBetween(0.0, 1.0);
        String scrape = gateway.get("/metrics", "authorization", "Bearer " + ADMIN_KEY).body();
        assertThat(scrape).containsPattern("junction_cache_hits_total [1-9]")
                .contains("junction_cache_misses_total").contains("junction_cache_saved_usd_total");

        HttpResponse<String> deleted = gateway.request("DELETE", "/api/admin/cache?scope=gateway-key:tests", "",
                "authorization", "Bearer " + ADMIN_KEY);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(deleted.body()).path("deleted").asLong()).isPositive();
        assertThat(xCache(openAi(prompt, false))).isEqualTo("MISS");
        HttpResponse<String> neither = gateway.request("DELETE", "/api/admin/cache", "", "authorization",
                "Bearer " + ADMIN_KEY);
        assertThat(neither.statusCode()).isEqualTo(400);
    }
}
