package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.store.SqlDialect;
import dev.junction.store.TestDatabases;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas sharing one PostgreSQL database and one secret key: a provider and route stored through one replica
 * serve requests on the other once it has polled the store, with the key it decrypts itself.
 */
class StoredConfigReplicaTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String API_KEY = "sk-stored-secret-replica-0123456789abcdef";

    private TestDatabases.Fresh database;
    private MockUpstream upstream;
    private Gateway first;
    private Gateway second;
    private StoredConfigAdmin admin;

    @BeforeEach
    void start() {
        database = TestDatabases.create(SqlDialect.POSTGRESQL);
        upstream = MockUpstream.start();
        Map<String, String> env = Map.of("JUNCTION_DATABASE_URL", database.settings().url(),
                "JUNCTION_DATABASE_USER", database.settings().user().orElseThrow());
        String yaml = "keys: [{name: tests, key: " + Gateway.KEY + "}]\n" + StoredConfigAdmin.YAML;
        first = Gateway.start(yaml, env);
        second = Gateway.start(yaml, env);
        admin = StoredConfigAdmin.of(first);
    }

    @AfterEach
    void stop() {
        admin.close();
        first.close();
        second.close();
        upstream.close();
        database.close();
    }

    @Test
    void aRouteStoredThroughOneReplicaServesOnTheOther() throws InterruptedException {
        assertThat(admin.put("/api/admin/providers/shared-upstream", """
                {"base_url": "%s", "api_key": "%s"}""".formatted(upstream.baseUrl(), API_KEY)).statusCode())
                .isEqualTo(201);
        assertThat(admin.put("/api/admin/routes/shared-route", """
                {"steps": [{"provider": "shared-upstream", "model": "m"}]}""").statusCode()).isEqualTo(201);

        HttpResponse<String> response = awaitSuccess(second, "shared-route");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstream.lastRequest().orElseThrow().header("authorization")).contains("Bearer " + API_KEY);
    }

    /** Asks until the answer is no longer 404 (the route is unknown until the replica polls), or patience ends. */
    private static HttpResponse<String> awaitSuccess(Gateway gateway, String model) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            HttpResponse<String> response = gateway.post("/v1/chat/completions",
                    "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            if (response.statusCode() != 404 || System.nanoTime() > deadline) {
                return response;
            }
            Thread.sleep(100);
        }
    }
}
