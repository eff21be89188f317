package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.budget.BudgetPeriod;
import dev.junction.json.Json;
import dev.junction.pricing.Costs;
import dev.junction.pricing.UnitUsage;
import dev.junction.store.RequestLogQuery;
import dev.junction.store.StoredRequestLog;
import dev.junction.store.TestDatabases;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Budgets hold exactly for images: each request reserves its worst case ({@code n} images at the requested size and
 * quality) and settles what it made, so 50 concurrent requests never spend more than the budget, the ledger equals
 * the sum of the request log's charged costs, and each row records its images as units.
 */
class ImageBudgetTest {

    private static MockUpstream upstream;
    private static TestDatabases.Fresh database;
    private static Gateway gateway;
    private static Provision provision;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        database = Backend.POSTGRESQL.createDatabase();
        Map<String, String> env = new HashMap<>(Backend.POSTGRESQL.environment(database));
        env.put("OPENAI_BASE_URL", upstream.baseUrl());
        env.put("OPENAI_API_KEY", "sk-upstream");
        gateway = Gateway.start("""
                auth: {required: true}
                routes:
                  image-default:
                    groups:
                      - deployments:
                          - provider: openai
                            model: dall-e-3
                            operations: [images]
                            price: {input: 0, output: 0, units: {"image": 0.04, "image:1024x1024:hd": 0.08}}
                """, env);
        provision = new Provision(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        database.close();
    }

    private static HttpResponse<String> generate(String key) {
        return gateway.post("/v1/images/generations", """
                {"model":"image-default","prompt":"a lighthouse","n":2,"quality":"hd","size":"1024x1024"}""",
                "authorization", "Bearer " + key);
    }

    @Test
    void fiftyConcurrentImageRequestsSpendExactlyTheBudgetAndNoMore() throws Exception {
        Provision.IssuedKey key = provision.key();
        provision.budget(key, 2.0, BudgetPeriod.MONTHLY); // twelve requests of two $0.08 images, not thirteen
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(pool.submit(() -> generate(key.plaintext())));
            }
            for (Future<HttpResponse<String>> call : calls) {
                statuses.add(call.get().statusCode());
            }
        }

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(12);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(38);
        List<StoredRequestLog> rows = awaitLogged(key.id(), 50);
        long charged = rows.stream().mapToLong(r -> r.request().costs().chargedNanos()).sum();
        assertThat(charged).isEqualTo(Costs.nanos(1.92));
        assertThat(rows).filteredOn(r -> r.request().status() == 200).allSatisfy(r -> assertThat(r.request().units())
                .isEqualTo(UnitUsage.of("image:1024x1024:hd", 2)));
        JsonNode budget = awaitSettled(key.plaintext());
        assertThat(Costs.nanos(budget.path("spent_usd").asDouble())).isEqualTo(charged);
    }

    /** Polls {@code /v1/me} until the budget holds no reservation (settling is asynchronous). */
    private static JsonNode awaitSettled(String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode budget = null;
        while (System.nanoTime() < deadline) {
            budget = Json.tryParse(gateway.get("/v1/me", "authorization", "Bearer " + key).body()).orElseThrow()
                    .path("budgets").path(0);
            if (budget.path("reserved_usd").asDouble() == 0) {
                return budget;
            }
            pause();
        }
        throw new AssertionError("the budget never settled: " + budget);
    }

    private static List<StoredRequestLog> awaitLogged(String keyId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
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
