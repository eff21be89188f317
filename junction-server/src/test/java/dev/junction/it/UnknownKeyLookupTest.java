package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.budget.BudgetPeriod;
import dev.junction.json.Json;
import dev.junction.pricing.Costs;
import dev.junction.store.StoredRequestLog;
import dev.junction.store.TestDatabases;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A virtual key the replica's snapshot does not know yet (another replica, or the CLI on the database, just created
 * it) is looked up in the store: a cache miss, served and billed as that key. Keys the store does not have are
 * refused, remembered for a while, and looked up a bounded number at a time.
 */
class UnknownKeyLookupTest {

    private static MockUpstream upstream;
    private static TestDatabases.Fresh database;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        database = Backend.POSTGRESQL_REDIS.createDatabase();
        Map<String, String> env = new HashMap<>(Backend.POSTGRESQL_REDIS.environment(database));
        env.put("OPENAI_BASE_URL", upstream.baseUrl());
        env.put("OPENAI_API_KEY", "sk-upstream-secret-abcdef123456");
        gateway = Gateway.start(AdminHttp.CONFIG + MeteredAnswers.ROUTE, env);
        upstream.setDefault(MeteredAnswers.hundredOutputTokens());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        database.close();
    }

    private static HttpResponse<String> chat(String key) {
        return gateway.post("/v1/chat/completions", """
                {"model":"metered","max_tokens":100,"messages":[{"role":"user","content":"hello"}]}""",
                "authorization", "Bearer " + key);
    }

    private static JsonNode lookups() {
        return Json.tryParse(gateway.get("/ready").body()).orElseThrow().at("/auth/key_lookups");
    }

    private static String madeUpKey() {
        return gateway.server().governance().virtualKeys().generate().plaintext().reveal();
    }

    @Test
    void aKeyTheSnapshotDoesNotKnowYetIsFoundInTheStoreAndBilledToItsBudget() {
        Provision.IssuedKey key = keyTheSnapshotDoesNotKnow();

        List<Integer> statuses = List.of(chat(key.plaintext()).statusCode(), chat(key.plaintext()).statusCode(),
                chat(key.plaintext()).statusCode());

        assertThat(statuses).containsExactly(200, 200, 429);
        List<StoredRequestLog> rows = new Books(gateway).await(key.id(), 3);
        assertThat(Books.charged(rows)).isEqualTo(Costs.nanos(200));
    }

    /**
     * A key with a budget that two $100 worst cases fit in and a third does not, stored behind the gateway's back:
     * made again in the rare case that the gateway's once-a-second poll picked it up before the test could use it.
     */
    private static Provision.IssuedKey keyTheSnapshotDoesNotKnow() {
        for (int attempt = 0; attempt < 5; attempt++) {
            Provision.IssuedKey key = Provision.behindTheBackOf(gateway).keyWithBudget(250, BudgetPeriod.TOTAL);
            if (gateway.server().governance().snapshot().budgets().stream().noneMatch(b -> b.scopeId()
                    .equals(key.id()))) {
                return key;
            }
        }
        throw new AssertionError("the gateway's poll always got there first");
    }

    @Test
    void anUnknownKeyIsRefusedAndRememberedSoItsRepeatsDoNotAskTheStore() {
        String key = madeUpKey();
        long before = lookups().path("store_queries").asLong();

        for (int i = 0; i < 20; i++) {
            assertThat(chat(key).statusCode()).isEqualTo(401);
        }

        assertThat(lookups().path("store_queries").asLong() - before).isEqualTo(1);
    }

    @Test
    void aFloodOfDistinctMadeUpKeysIsRefusedWithoutEverServingOne() throws Exception {
        long upstreamCalls = upstream.requestCount();
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(64)) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String key = madeUpKey();
                calls.add(pool.submit(() -> chat(key)));
            }
            for (Future<HttpResponse<String>> call : calls) {
                statuses.add(call.get().statusCode());
            }
        }

        // Unknown (401), or turned away while 16 lookups were already under way (503, which SDKs retry).
        assertThat(Set.copyOf(statuses)).isSubsetOf(401, 503).contains(401);
        assertThat(upstream.requestCount()).isEqualTo(upstreamCalls);
    }
}
