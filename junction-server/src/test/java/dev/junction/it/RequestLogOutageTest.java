package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.store.SqlDialect;
import dev.junction.store.TestDatabases;
import dev.junction.testkit.MockUpstream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The database goes away in the middle of traffic: requests keep being answered, the request log spools to disk
 * (and says so in {@code /ready}), and once the database is back every record arrives.
 */
class RequestLogOutageTest {

    @Test
    void requestsFlowWhileTheDatabaseIsDownAndNoRecordIsLost() throws Exception {
        try (MockUpstream upstream = MockUpstream.start();
             TestDatabases.Fresh database = TestDatabases.create(SqlDialect.POSTGRESQL);
             TcpProxy proxy = new TcpProxy(5432)) {
            String direct = database.settings().url();
            Map<String, String> env = new HashMap<>();
            env.put("JUNCTION_DATABASE_URL", direct.replace(":5432/", ":" + proxy.port() + "/"));
            env.put("JUNCTION_DATABASE_USER", "postgres");
            env.put("OPENAI_BASE_URL", upstream.baseUrl());
            env.put("OPENAI_API_KEY", "sk-upstream-secret-abcdef123456");
            try (Gateway gateway = Gateway.start("", env)) {
                Provision.IssuedKey key = new Provision(gateway).key();
                for (int i = 0; i < 20; i++) {
                    assertThat(chat(gateway, key.plaintext())).isEqualTo(200);
                }

                proxy.cut();
                for (int i = 0; i < 50; i++) {
                    assertThat(chat(gateway, key.plaintext())).isEqualTo(200);
                }
                JsonNode down = awaitReady(gateway, "down");
                assertThat(down.at("/request_log/spooled_records").asLong()).isPositive();
                // Readiness policy: the shared store's outage keeps the replica in rotation (the journal holds the
                // records); /ready says it is degraded.
                assertThat(gateway.get("/ready").statusCode()).as("ready while the store is away").isEqualTo(200);
                assertThat(down.at("/unready_because")).isEmpty();
                assertThat(down.at("/degraded").toString()).contains("the store cannot be reached");
                assertThat(gateway.get("/health").statusCode()).as("still alive").isEqualTo(200);
                assertThat(gateway.logOutput()).contains("spool");

                proxy.restore();
                awaitReady(gateway, "up");
                assertThat(gateway.get("/ready").statusCode()).isEqualTo(200);
                assertThat(Json.tryParse(gateway.get("/ready").body().getBytes()).orElseThrow().at("/degraded"))
                        .isEmpty();
                awaitRows(direct, key.id(), 70);
            }
            assertThat(countRows(direct)).isEqualTo(70);
        }
    }

    @Test
    void aReplicaWhoseJournalFillsUpDuringAnOutageLeavesRotation() throws Exception {
        try (MockUpstream upstream = MockUpstream.start();
             TestDatabases.Fresh database = TestDatabases.create(SqlDialect.POSTGRESQL);
             TcpProxy proxy = new TcpProxy(5432)) {
            Map<String, String> env = new HashMap<>();
            env.put("JUNCTION_DATABASE_URL", database.settings().url().replace(":5432/", ":" + proxy.port() + "/"));
            env.put("JUNCTION_DATABASE_USER", "postgres");
            env.put("OPENAI_BASE_URL", upstream.baseUrl());
            env.put("OPENAI_API_KEY", "sk-upstream-secret-abcdef123456");
            try (Gateway gateway = Gateway.start("request_logs: {spool_max_size: 16KB}\n", env)) {
                Provision.IssuedKey key = new Provision(gateway).key();
                proxy.cut();
                JsonNode ready = null;
                for (int i = 0; i < 400; i++) {
                    assertThat(chat(gateway, key.plaintext())).isEqualTo(200);
                    ready = Json.tryParse(gateway.get("/ready").body().getBytes()).orElseThrow();
                    if (ready.at("/unready_because").toString().contains("high-water")) {
                        break;
                    }
                }

                assertThat(ready.at("/unready_because").toString())
                        .contains("the request log is above its high-water mark");
                // The outage shows once a delivery to the cut database has failed, which can take longer than
                // filling a 16 KB journal: wait for it, within a bound.
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!ready.at("/degraded").toString().contains("the store cannot be reached")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    ready = Json.tryParse(gateway.get("/ready").body().getBytes()).orElseThrow();
                }
                assertThat(ready.at("/degraded").toString()).contains("the store cannot be reached");
                assertThat(gateway.get("/ready").statusCode()).isEqualTo(503);
                proxy.restore();
            }
        }
    }

    private static int chat(Gateway gateway, String key) {
        return gateway.post("/v1/chat/completions", """
                {"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hello"}]}""",
                "authorization", "Bearer " + key).statusCode();
    }

    private static JsonNode awaitReady(Gateway gateway, String database) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode ready = null;
        while (System.nanoTime() < deadline) {
            ready = Json.tryParse(gateway.get("/ready").body().getBytes()).orElseThrow();
            if (ready.at("/request_log/database").asString().equals(database)
                    && (database.equals("down") || ready.at("/request_log/spooled_records").asLong() == 0)) {
                return ready;
            }
            pause();
        }
        throw new AssertionError("/ready never showed the request-log database " + database + ": " + ready);
    }

    private static void awaitRows(String url, String keyId, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && countRows(url) < count) {
            pause();
        }
        assertThat(countRows(url)).as("requests logged for " + keyId).isEqualTo(count);
    }

    private static int countRows(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(DISTINCT request_id) FROM request_logs")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
