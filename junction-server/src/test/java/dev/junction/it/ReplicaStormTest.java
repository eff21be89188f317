package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.json.Json;
import dev.junction.pricing.Costs;
import dev.junction.store.StoredRequestLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The operator's scenario of issue 21, as it was found: a user, a key and a total budget made through replica A's
 * admin API, then at once, with no pause, 200 concurrent chat completions through the official OpenAI SDK, half to A
 * and half to B. Nothing escapes the books: no more is answered than the budget affords, every request (answered or
 * refused) has its row in the request log, attributed to the key, and the budget's spend is the sum of the rows'
 * charged costs. Once per store (PostgreSQL, MariaDB), both with Redis.
 */
@ParameterizedClass
@EnumSource(value = Backend.class, names = {"POSTGRESQL_REDIS", "MARIADB_REDIS"})
class ReplicaStormTest {

    private static ReplicaPair replicas;

    @Parameter
    Backend backend;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        replicas = ReplicaPair.start(backend);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        replicas.close();
    }

    private static OpenAIClient sdk(Gateway gateway, String key) {
        return OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl() + "/v1").apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    private static int complete(OpenAIClient client) {
        try {
            client.chat().completions().create(ChatCompletionCreateParams.builder().model("metered")
                    .maxCompletionTokens(100).addUserMessage("hello").build());
            return 200;
        } catch (OpenAIServiceException e) {
            return e.statusCode();
        }
    }

    @Test
    void aKeyAndBudgetMadeOnAAndUsedAtOnceOnBothReplicasNeverEscapeTheBooks() throws Exception {
        AdminHttp admin = new AdminHttp(replicas.a());
        String user = admin.create("/api/admin/users", "{\"name\":\"storm-" + UUID.randomUUID() + "\"}")
                .path("id").asString();
        // Ten $100 worst cases fit in $1,050; an eleventh does not.
        ObjectNode key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\","
                + "\"budgets\":[{\"amount_usd\":1050,\"period\":\"total\"}]}");

        List<Integer> statuses = storm(key.path("key").asString());

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(10);
        assertThat(statuses).filteredOn(s -> s != 200).containsOnly(429);
        List<StoredRequestLog> rows = new Books(replicas.a()).await(key.path("id").asString(), 200);
        assertThat(rows).hasSize(200).allSatisfy(r -> assertThat(r.request().caller().userId()).contains(user));
        assertThat(rows).filteredOn(r -> r.request().status() == 200).hasSize(10);
        assertThat(Books.charged(rows)).isEqualTo(Costs.nanos(1000));
        JsonNode budget = settled(admin, key.at("/budgets/0/id").asString());
        assertThat(Costs.nanos(budget.path("spent_usd").asDouble())).isEqualTo(Books.charged(rows));
    }

    /** 200 requests at once, alternately to A and B, each through the SDK; their statuses. */
    private static List<Integer> storm(String key) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        OpenAIClient toA = sdk(replicas.a(), key);
        OpenAIClient toB = sdk(replicas.b(), key);
        try (ExecutorService pool = Executors.newFixedThreadPool(200)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                OpenAIClient client = i % 2 == 0 ? toA : toB;
                calls.add(pool.submit(() -> {
                    go.await();
                    return complete(client);
                }));
            }
            go.countDown();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
        } finally {
            toA.close();
            toB.close();
        }
        return statuses;
    }

    /** The budget as the admin API shows it once nothing is reserved any more. */
    private static JsonNode settled(AdminHttp admin, String budgetId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode budget = admin.get("/api/admin/budgets/" + budgetId).body();
        while (budget.path("reserved_usd").asDouble() != 0 && System.nanoTime() < deadline) {
            Books.pause(Duration.ofMillis(50));
            budget = admin.get("/api/admin/budgets/" + budgetId).body();
        }
        assertThat(budget.path("reserved_usd").asDouble()).as(Json.write(budget)).isZero();
        return budget;
    }
}
