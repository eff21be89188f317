package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.budget.BudgetPeriod;
import dev.junction.store.TestDatabases;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two gateway replicas sharing PostgreSQL and Redis, as a scaled-out deployment runs: a key's rate limit and budget
 * hold across both, exactly as on one; on a single Redis and on a Redis Cluster.
 */
@ParameterizedClass
@EnumSource(SharedRedis.class)
class GovernedReplicasTest {

    /** Unique to the run: the shared limits of a deployment outlive the test in Redis for a minute. */
    private static final String RUN = UUID.randomUUID().toString();

    private static final String YAML = MeteredAnswers.ROUTE + """
              limited:
                groups:
                  - deployments:
                      - {id: six-a-minute-%1$s, provider: openai, model: gpt-4o-mini, rpm: 6}
              tpm-limited:
                groups:
                  - deployments:
                      - {id: two-thousand-tokens-%1$s, provider: openai, model: gpt-4o-mini, tpm: 2000}
              tpm-overrun:
                groups:
                  - deployments:
                      - {id: overrun-%1$s, provider: openai, model: gpt-4o-mini, tpm: 2000}
            """.formatted(RUN);

    private static MockUpstream upstream;
    private static TestDatabases.Fresh database;
    private static Gateway first;
    private static Gateway second;

    @Parameter
    SharedRedis redis;

    @BeforeParameterizedClassInvocation
    static void start(SharedRedis redis) throws Exception {
        String redisUrl = redis.url();
        upstream = MockUpstream.start();
        database = Backend.POSTGRESQL.createDatabase();
        Map<String, String> env = new HashMap<>(Backend.POSTGRESQL.environment(database));
        env.put("JUNCTION_REDIS_URL", redisUrl);
        env.put("OPENAI_BASE_URL", upstream.baseUrl());
        env.put("OPENAI_API_KEY", "sk-upstream-secret-abcdef123456");
        first = Gateway.start(YAML, env);
        second = Gateway.start(YAML, env);
        upstream.setDefault(MeteredAnswers.hundredOutputTokens());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        first.close();
        second.close();
        upstream.close();
        database.close();
    }

    /** Created through the first replica; the second learns of it from the shared store. */
    private static Provision.IssuedKey sharedKey(Provision provision) {
        Provision.IssuedKey key = provision.key(Provision.rpm(10), List.of());
        new Provision(second).publish();
        return key;
    }

    private static HttpResponse<String> chat(Gateway gateway, String key) {
        return gateway.post("/v1/chat/completions", """
                {"model":"metered","max_tokens":100,"messages":[{"role":"user","content":"hello"}]}""",
                "authorization", "Bearer " + key);
    }

    @Test
    void requestsPerMinuteHoldAcrossReplicas() {
        Provision.IssuedKey key = sharedKey(new Provision(first));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(chat(i % 2 == 0 ? first : second, key.plaintext()).statusCode());
        }

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(20);
    }

    @Test
    void aDeploymentsOwnRpmHoldsAcrossReplicas() {
        Provision.IssuedKey key = new Provision(first).key();
        new Provision(second).publish();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add((i % 2 == 0 ? first : second).post("/v1/chat/completions", """
                    {"model":"limited","max_tokens":5,"messages":[{"role":"user","content":"hello"}]}""",
                    "authorization", "Bearer " + key.plaintext()).statusCode());
        }

        // Each replica alone would let six through (twelve in all); shared in Redis, six in all.
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(6);
    }

    @Test
    void aDeploymentsOwnTpmCountsTheTokensRepliesUsedNotTheirEstimates() {
        Provision.IssuedKey key = new Provision(first).key();
        new Provision(second).publish();
        // The upstream's default answer uses 107 tokens; each request is estimated at ~1,500.

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = tpmLimited(first, key, "tpm-limited", 1500);
            first.awaitLog(response.headers().firstValue("x-request-id").orElseThrow());
            statuses.add(response.statusCode());
        }

        // By the estimates alone the deployment would have room for one request a minute.
        assertThat(statuses).containsExactly(200, 200, 200);
    }

    @Test
    void aDeploymentsOwnTpmTakesWhatAReplyUsedBeyondItsEstimate() {
        Provision.IssuedKey key = new Provision(first).key();
        new Provision(second).publish();
        upstream.enqueue(MeteredAnswers.answer("""
                {"id":"chatcmpl-4","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"long"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":7,"completion_tokens":1800,"total_tokens":1807}}"""));

        HttpResponse<String> overrun = tpmLimited(first, key, "tpm-overrun", 100);
        first.awaitLog(overrun.headers().firstValue("x-request-id").orElseThrow());
        HttpResponse<String> next = tpmLimited(first, key, "tpm-overrun", 500);

        assertThat(overrun.statusCode()).isEqualTo(200);
        assertThat(next.statusCode()).as("1,807 used, 2,000 a minute: 500 more do not fit").isIn(429, 503);
    }

    private static HttpResponse<String> tpmLimited(Gateway gateway, Provision.IssuedKey key, String route,
                                                   int maxTokens) {
        return gateway.post("/v1/chat/completions", """
                {"model":"%s","max_tokens":%d,"messages":[{"role":"user","content":"hello"}]}"""
                .formatted(route, maxTokens), "authorization", "Bearer " + key.plaintext());
    }

    @Test
    void budgetHoldsAcrossReplicasUnderConcurrency() throws Exception {
        Provision provision = new Provision(first);
        Provision.IssuedKey key = provision.key();
        provision.budget(key, 1050, BudgetPeriod.TOTAL); // ten $100 worst cases fit, an eleventh does not
        new Provision(second).publish();

        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(40)) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Gateway target = i % 2 == 0 ? first : second;
                calls.add(pool.submit(() -> chat(target, key.plaintext())));
            }
            for (Future<HttpResponse<String>> call : calls) {
                statuses.add(call.get().statusCode());
            }
        }

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(90);
    }
}
