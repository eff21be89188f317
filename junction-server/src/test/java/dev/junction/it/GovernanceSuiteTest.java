package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.budget.BudgetPeriod;
import dev.junction.entity.Budget;
import dev.junction.json.Json;
import dev.junction.limit.RateLimits;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import dev.junction.store.RequestLogQuery;
import dev.junction.store.StoredRequestLog;
import dev.junction.store.TestDatabases;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.ManualClock;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The governed data plane end to end, once per backend (SQLite, PostgreSQL, MariaDB; limits and budgets in memory or
 * in Redis): virtual keys, scopes, rate limits, budgets under concurrency, period resets, {@code /v1/me}, the three
 * cost layers in the request log, and what the database holds.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class GovernanceSuiteTest {

    /** A governed gateway (keys required), {@link MeteredAnswers#ROUTE}, and a route priced in every layer. */
    private static final String YAML = "auth: {required: true}\n" + MeteredAnswers.ROUTE + """
              gpt-4o:
                groups:
                  - deployments:
                      - {id: mini-priced, provider: openai, model: gpt-4o-mini, price: {input: 1, output: 2, cached_read: 0.5, reasoning: 4}}
            pricing:
              overrides: {gpt-4o: {input: 2.5, output: 10, cached_read: 1.25}}
              route_markups: {gpt-4o: 0.2}
            """;

    /** 1,000 input tokens (200 of them cached) and 500 output tokens (100 of them reasoning). */
    private static final String USAGE_BODY = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"priced"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":1000,"completion_tokens":500,"total_tokens":1500,
                      "prompt_tokens_details":{"cached_tokens":200},
                      "completion_tokens_details":{"reasoning_tokens":100}}}""";

    private static MockUpstream upstream;
    private static TestDatabases.Fresh database;
    private static Gateway gateway;
    private static ManualClock clock;
    private static Provision provision;
    private static Behavior priced;
    private static Behavior hundredTokens;

    @Parameter
    Backend backend;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        upstream = MockUpstream.start();
        database = backend.createDatabase();
        clock = ManualClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Map<String, String> env = new java.util.HashMap<>(backend.environment(database));
        env.put("OPENAI_BASE_URL", upstream.baseUrl());
        env.put("OPENAI_API_KEY", "sk-upstream-secret-abcdef123456");
        gateway = Gateway.start(YAML, env, clock);
        provision = new Provision(gateway);
        priced = MeteredAnswers.answer(USAGE_BODY);
        hundredTokens = MeteredAnswers.hundredOutputTokens();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        gateway.close();
        upstream.close();
        database.close();
    }

    private static RateLimits tpm(long tpm) {
        return new RateLimits(OptionalLong.empty(), OptionalLong.of(tpm), OptionalInt.empty());
    }

    private static HttpResponse<String> chat(String key, String model, int maxTokens) {
        return gateway.post("/v1/chat/completions", """
                {"model":"%s","max_tokens":%d,"messages":[{"role":"user","content":"hello"}]}"""
                .formatted(model, maxTokens), "authorization", "Bearer " + key);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.tryParse(response.body().getBytes()).orElseThrow();
    }

    @Test
    void requestIsBilledInThreeCostLayersAndLoggedWithItsAttribution() {
        Provision.IssuedKey key = provision.key();
        upstream.enqueue(priced);

        assertThat(chat(key.plaintext(), "gpt-4o", 600).statusCode()).isEqualTo(200);

        StoredRequestLog row = awaitLogged(key.id(), 1).getFirst();
        LoggedRequest logged = row.request();
        // Metered at the deployment's price: 800 × $1 + 200 cached × $0.5, 100 reasoning × $4 + 400 × $2 (per 1M).
        assertThat(logged.costs().meteredNanos()).isEqualTo(2_100_000);
        // Standard at gpt-4o's list price: 800 × $2.5 + 200 × $1.25 + 500 × $10; charged with the route's +20%.
        assertThat(logged.costs().standardNanos()).isEqualTo(7_250_000);
        assertThat(logged.costs().chargedNanos()).isEqualTo(8_700_000);
        assertThat(logged.usage().cachedReadTokens()).isEqualTo(200);
        assertThat(logged.usage().reasoningTokens()).isEqualTo(100);
        assertThat(logged.caller().keyId()).contains(key.id());
        assertThat(logged.caller().userId()).contains(key.record().userId());
        assertThat(logged.caller().tenantId()).contains("ten_default");
        assertThat(logged.deployment()).isEqualTo("mini-priced");
        assertThat(logged.attempts()).startsWith("mini-priced=200");
        assertThat(logged.status()).isEqualTo(200);
    }

    @Test
    void modelOutsideTheKeysScopeIsRefusedInTheCallersDialect() {
        Provision.IssuedKey key = provision.key(RateLimits.NONE, List.of("gpt-4o*"));

        HttpResponse<String> openai = chat(key.plaintext(), "metered", 10);
        HttpResponse<String> anthropic = gateway.post("/v1/messages", """
                {"model":"metered","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""",
                "x-api-key", key.plaintext(), "anthropic-version", "2023-06-01");

        assertThat(openai.statusCode()).isEqualTo(403);
        assertThat(json(openai).at("/error/code").asString()).isEqualTo("permission_denied");
        assertThat(json(openai).at("/error/message").asString()).contains("metered", "gpt-4o*");
        assertThat(anthropic.statusCode()).isEqualTo(403);
        assertThat(json(anthropic).at("/error/type").asString()).isEqualTo("permission_error");
        assertThat(chat(key.plaintext(), "gpt-4o", 10).statusCode()).isEqualTo(200);
        JsonNode models = json(gateway.get("/v1/models", "authorization", "Bearer " + key.plaintext()));
        assertThat(models.get("data").valueStream().map(m -> m.get("id").asString()).toList())
                .contains("gpt-4o").doesNotContain("metered");
    }

    @Test
    void requestsBeyondTheKeysRpmGet429WithRetryAfterAndRateLimitHeaders() {
        Provision.IssuedKey key = provision.key(Provision.rpm(3), List.of());

        List<HttpResponse<String>> allowed = List.of(chat(key.plaintext(), "metered", 1),
                chat(key.plaintext(), "metered", 1), chat(key.plaintext(), "metered", 1));
        HttpResponse<String> denied = chat(key.plaintext(), "metered", 1);

        assertThat(allowed).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).contains("3");
        });
        assertThat(allowed.getLast().headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
        assertThat(denied.statusCode()).isEqualTo(429);
        assertThat(denied.headers().firstValue("retry-after")).isPresent();
        assertThat(denied.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
        assertThat(json(denied).at("/error/code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(json(denied).at("/error/message").asString()).contains("3 requests per minute");
    }

    @Test
    void tokensUsedBelowTheEstimateComeBackToTheKeysTokensPerMinute() {
        Provision.IssuedKey key = provision.key(tpm(2000), List.of());
        upstream.enqueue(hundredTokens); // 107 tokens used of the ~1,500 the estimate takes

        HttpResponse<String> first = chat(key.plaintext(), "metered", 1500);
        gateway.awaitLog(first.headers().firstValue("x-request-id").orElseThrow());
        upstream.enqueue(hundredTokens);
        HttpResponse<String> second = chat(key.plaintext(), "metered", 1500);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).as("fits only once the first request's unused tokens came back")
                .isEqualTo(200);
        assertThat(Long.parseLong(second.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow()))
                .as("2,000 less the first's 107 used and the second's estimate").isBetween(300L, 400L);
    }

    @Test
    void tokensUsedBeyondTheEstimateAreTakenFromTheKeysTokensPerMinute() {
        Provision.IssuedKey key = provision.key(tpm(2000), List.of());
        upstream.enqueue(MeteredAnswers.answer("""
                {"id":"chatcmpl-3","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"long"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":7,"completion_tokens":1800,"total_tokens":1807}}"""));

        HttpResponse<String> first = chat(key.plaintext(), "metered", 100); // estimated ~100, used 1,807
        gateway.awaitLog(first.headers().firstValue("x-request-id").orElseThrow());
        HttpResponse<String> second = chat(key.plaintext(), "metered", 500);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).as("only ~190 tokens remain once the overrun is taken").isEqualTo(429);
        assertThat(json(second).at("/error/message").asString()).contains("2000 tokens per minute");
    }

    @Test
    void theUsageAtTheEndOfAStreamCorrectsTheTokensPerMinuteToo() throws Exception {
        Provision.IssuedKey key = provision.key(tpm(2000), List.of());
        java.nio.file.Path events = java.nio.file.Files.createTempFile("junction-stream-", ".sse");
        events.toFile().deleteOnExit();
        java.nio.file.Files.writeString(events, """
                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"long"},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":1800,"total_tokens":1807}}

                data: [DONE]

                """);
        upstream.enqueue(Behavior.fixture(events.toString(), 200, "text/event-stream"));

        HttpResponse<String> first = gateway.post("/v1/chat/completions", """
                {"model":"metered","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hello"}]}""",
                "authorization", "Bearer " + key.plaintext());
        gateway.awaitLog(first.headers().firstValue("x-request-id").orElseThrow());
        HttpResponse<String> second = chat(key.plaintext(), "metered", 500);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("long").doesNotContain("\"usage\"");
        assertThat(second.statusCode()).as("the stream used 1,807 tokens, not the ~100 estimated").isEqualTo(429);
    }

    @Test
    void twoHundredConcurrentRequestsNeverSpendMoreThanTheBudget() throws Exception {
        Provision.IssuedKey key = provision.key();
        provision.budget(key, 1050, BudgetPeriod.MONTHLY); // room for ten $100 worst cases, not eleven
        upstream.setDefault(hundredTokens);
        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            List<Future<HttpResponse<String>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(pool.submit(() -> chat(key.plaintext(), "metered", 100)));
            }
            statuses = new java.util.ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                statuses.add(call.get().statusCode());
            }
        } finally {
            upstream.setDefault(Behavior.ok());
        }

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(190);
        List<StoredRequestLog> rows = awaitLogged(key.id(), 200);
        long charged = rows.stream().mapToLong(r -> r.request().costs().chargedNanos()).sum();
        assertThat(charged).isEqualTo(Costs.nanos(1000)).isLessThanOrEqualTo(Costs.nanos(1050));
        assertThat(rows).filteredOn(r -> r.request().status() == 429)
                .allSatisfy(r -> assertThat(r.request().errorType()).contains("budget_exceeded"));
    }

    @Test
    void exhaustedBudgetIsAnsweredInEachDialectsOwnWay() {
        Provision.IssuedKey key = provision.key();
        provision.budget(key, 5, BudgetPeriod.TOTAL);

        HttpResponse<String> openai = chat(key.plaintext(), "metered", 10);
        HttpResponse<String> anthropic = gateway.post("/v1/messages", """
                {"model":"metered","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""",
                "x-api-key", key.plaintext(), "anthropic-version", "2023-06-01");
        HttpResponse<String> gemini = gateway.post("/v1beta/models/metered:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":10}}""",
                "x-goog-api-key", key.plaintext());

        assertThat(openai.statusCode()).isEqualTo(429);
        assertThat(json(openai).at("/error/type").asString()).isEqualTo("insufficient_quota");
        assertThat(openai.headers().firstValue("x-should-retry")).contains("false");
        assertThat(json(openai).at("/error/message").asString()).contains("exhausted");
        assertThat(anthropic.statusCode()).isEqualTo(402);
        assertThat(json(anthropic).at("/error/type").asString()).isEqualTo("billing_error");
        assertThat(gemini.statusCode()).isEqualTo(429);
        assertThat(json(gemini).at("/error/status").asString()).isEqualTo("RESOURCE_EXHAUSTED");
    }

    @Test
    void dailyBudgetStartsAgainAtMidnight() {
        Provision.IssuedKey key = provision.key();
        provision.budget(key, 150, BudgetPeriod.DAILY);
        upstream.setDefault(hundredTokens);
        try {
            assertThat(chat(key.plaintext(), "metered", 100).statusCode()).isEqualTo(200);
            awaitSpent(key.plaintext(), 100);
            assertThat(chat(key.plaintext(), "metered", 100).statusCode()).isEqualTo(429);

            Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
            clock.set(midnight);

            assertThat(chat(key.plaintext(), "metered", 100).statusCode()).isEqualTo(200);
        } finally {
            upstream.setDefault(Behavior.ok());
        }
    }

    @Test
    void meShowsTheKeysBudgetsSpendLimitsAndModels() {
        Provision.IssuedKey key = provision.key(Provision.rpm(50), List.of("metered", "gpt-*"));
        Budget budget = provision.budget(key, 500, BudgetPeriod.MONTHLY);
        upstream.enqueue(hundredTokens);
        assertThat(chat(key.plaintext(), "metered", 100).statusCode()).isEqualTo(200);

        JsonNode me = awaitSpent(key.plaintext(), 100);

        assertThat(me.at("/key/id").asString()).isEqualTo(key.id());
        assertThat(me.at("/key/prefix").asString()).startsWith("jk-").contains("…");
        assertThat(me.at("/tenant/id").asString()).isEqualTo("ten_default");
        assertThat(me.get("allowed_models").valueStream().map(JsonNode::asString).toList())
                .contains("metered", "gpt-4o").doesNotContain("mock/echo");
        JsonNode b = me.get("budgets").get(0);
        assertThat(b.get("id").asString()).isEqualTo(budget.id());
        assertThat(b.get("amount_usd").asDouble()).isEqualTo(500.0);
        assertThat(b.get("spent_usd").asDouble()).isEqualTo(100.0);
        assertThat(b.get("remaining_usd").asDouble()).isEqualTo(400.0);
        assertThat(b.get("resets_at").asString()).isNotEmpty();
        JsonNode limit = me.get("limits").get(0);
        assertThat(limit.get("subject").asString()).isEqualTo("key:" + key.id());
        assertThat(limit.get("requests_per_minute").asLong()).isEqualTo(50);
        assertThat(limit.get("remaining_requests").asLong()).isBetween(1L, 49L);
    }

    @Test
    void disabledExpiredAndOutOfRangeKeysAreRefused() {
        var user = provision.user();
        Provision.IssuedKey disabled = provision.key(user, Provision.spec(RateLimits.NONE, List.of(), List.of(),
                Optional.empty(), false));
        Provision.IssuedKey expired = provision.key(user, Provision.spec(RateLimits.NONE, List.of(), List.of(),
                Optional.of(clock.instant().minusSeconds(1)), true));
        Provision.IssuedKey elsewhere = provision.key(user, Provision.spec(RateLimits.NONE, List.of(),
                List.of("10.0.0.0/8"), Optional.empty(), true));
        Provision.IssuedKey local = provision.key(user, Provision.spec(RateLimits.NONE, List.of(),
                List.of("127.0.0.0/8", "::1/128"), Optional.empty(), true));

        assertThat(chat(disabled.plaintext(), "metered", 1).statusCode()).isEqualTo(401);
        assertThat(json(chat(expired.plaintext(), "metered", 1)).at("/error/message").asString())
                .contains("expired");
        assertThat(chat(elsewhere.plaintext(), "metered", 1).statusCode()).isEqualTo(403);
        assertThat(chat(local.plaintext(), "metered", 1).statusCode()).isEqualTo(200);
        assertThat(chat(local.plaintext().substring(0, 40) + "xxx", "metered", 1).statusCode()).isEqualTo(401);
    }

    @Test
    void keyThatCapturesBodiesKeepsThemInTheRequestLogAndOthersDoNot() {
        Provision.IssuedKey capturing = provision.key(provision.user(), new dev.junction.entity.VirtualKey.Spec(
                "capturing", List.of(), List.of(), List.of(), Map.of(), RateLimits.NONE, Optional.empty(), true,
                true));
        Provision.IssuedKey plain = provision.key();

        assertThat(chat(capturing.plaintext(), "metered", 20).statusCode()).isEqualTo(200);
        assertThat(chat(plain.plaintext(), "metered", 20).statusCode()).isEqualTo(200);

        LoggedRequest captured = awaitLogged(capturing.id(), 1).getFirst().request();
        assertThat(captured.requestBody()).hasValueSatisfying(b -> assertThat(b).contains("\"hello\""));
        assertThat(captured.responseBody()).hasValueSatisfying(b -> assertThat(b).contains("chat.completion"));
        LoggedRequest uncaptured = awaitLogged(plain.id(), 1).getFirst().request();
        assertThat(uncaptured.requestBody()).isEmpty();
        assertThat(uncaptured.responseBody()).isEmpty();
    }

    @Test
    void databaseHoldsOnlyTheKeysHashNeverTheKey() throws Exception {
        Provision.IssuedKey key = provision.key();
        assertThat(chat(key.plaintext(), "metered", 1).statusCode()).isEqualTo(200);
        awaitLogged(key.id(), 1);

        List<String> values = provision.call(() -> gateway.server().governance().database().jdbi().withHandle(h ->
                h.createQuery("SELECT * FROM virtual_keys").mapToMap().list().stream()
                        .flatMap(row -> row.values().stream()).map(String::valueOf).toList()));
        assertThat(values).isNotEmpty().noneMatch(v -> v.contains(key.plaintext().substring(3)));
        assertThat(values).contains(key.record().keyHash());
        if (backend.dialect == dev.junction.store.SqlDialect.SQLITE) {
            String file = database.settings().url().substring("jdbc:sqlite:".length());
            for (String suffix : List.of("", "-wal")) {
                java.nio.file.Path path = java.nio.file.Path.of(file + suffix);
                if (java.nio.file.Files.exists(path)) {
                    assertThat(new String(java.nio.file.Files.readAllBytes(path),
                            java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(key.plaintext().substring(3));
                }
            }
        }
    }

    /** Polls {@code /v1/me} until the first budget shows {@code usd} spent (settling is asynchronous). */
    private static JsonNode awaitSpent(String key, double usd) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode me = null;
        while (System.nanoTime() < deadline) {
            me = json(gateway.get("/v1/me", "authorization", "Bearer " + key));
            if (me.path("budgets").path(0).path("spent_usd").asDouble() == usd
                    && me.path("budgets").path(0).path("reserved_usd").asDouble() == 0) {
                return me;
            }
            pause();
        }
        throw new AssertionError("the budget never showed " + usd + " USD spent: " + me);
    }

    /** Polls the request log (written behind) until the key has {@code count} rows. */
    private static List<StoredRequestLog> awaitLogged(String keyId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<StoredRequestLog> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = provision.call(() -> new RequestLogQuery(gateway.server().governance().database())
                    .find(RequestLogQuery.Filter.newest(1000).withKeyId(Optional.of(keyId))).items());
            if (rows.size() >= count) {
                return rows;
            }
            pause();
        }
        throw new AssertionError("the request log has " + rows.size() + " rows for " + keyId + ", expected " + count);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
