package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.store.Database;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * What the scale-out tests share: a mock upstream with latency, two replica processes on one database and the local
 * Redis behind nginx, a key with an RPM limit and a budget made through the admin API, and the checks of the request
 * log afterwards. Test helper; {@link #close} stops everything it started.
 */
final class ScaleRig implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();
    final MockUpstream upstream;
    final ChildGateway a;
    final ChildGateway b;
    final Nginx nginx;
    final String key;
    final String budgetId;

    /** Starts it all on the database at {@code databaseUrl} (user {@code databaseUser}); a key allowing {@code rpm}. */
    ScaleRig(Path home, String databaseUrl, String databaseUser, int rpm) throws Exception {
        upstream = keep(MockUpstream.start());
        upstream.setDefault(Behavior.reply("one two three").withLatency(Duration.ofMillis(150))
                .withInterEventDelay(Duration.ofMillis(20)));
        Map<String, String> env = new HashMap<>();
        env.put("JUNCTION_DATABASE_URL", databaseUrl);
        env.put("JUNCTION_DATABASE_USER", databaseUser);
        env.put("JUNCTION_REDIS_URL", Backend.REDIS_URL);
        env.put("JUNCTION_SECRET_KEY", Gateway.SECRET_KEY);
        env.put("OPENAI_BASE_URL", upstream.baseUrl());
        env.put("OPENAI_API_KEY", "sk-upstream-secret-abcdef123456");
        a = keep(ChildGateway.start("replica-a", home.resolve("a"), ReplicaPair.YAML, env));
        b = keep(ChildGateway.start("replica-b", home.resolve("b"), ReplicaPair.YAML, env));
        a.awaitReady(Duration.ofSeconds(90));
        b.awaitReady(Duration.ofSeconds(90));
        nginx = keep(Nginx.start(home.resolve("nginx"), List.of(a.port(), b.port())));
        String userId = admin("POST", "/api/admin/users", "{\"name\":\"scale-" + System.nanoTime() + "\"}")
                .get("id").asString();
        JsonNode issued = admin("POST", "/api/admin/keys", "{\"user_id\":\"" + userId + "\",\"rpm\":" + rpm + "}");
        key = issued.get("key").asString();
        budgetId = admin("POST", "/api/admin/budgets", "{\"scope\":\"key\",\"scope_id\":\""
                + issued.get("id").asString() + "\",\"amount_usd\":1000000000,\"period\":\"total\"}").get("id")
                .asString();
        ChildGateway.sleep(2000); // B hears of the key through the store's channel
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    /** The mixed load through nginx with the rig's key. */
    MixedLoad load(int clients) {
        return new MixedLoad(nginx.port(), key).start(clients);
    }

    /** The key's settled spend in the ledger, through the admin API. */
    double spentUsd() throws Exception {
        return admin("GET", "/api/admin/budgets/" + budgetId, null).get("spent_usd").asDouble();
    }

    /** Waits until both replicas' queues and journals are empty: every record is in the database. */
    void awaitJournalsDelivered(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            boolean empty = List.of(a, b).stream().allMatch(r -> r.ready().map(res -> {
                JsonNode log = Json.tryParse(res.body().getBytes()).orElseThrow().get("request_log");
                return log.get("queued").asLong() == 0 && log.get("spooled_records").asLong() == 0;
            }).orElse(false));
            if (empty) {
                return;
            }
            ChildGateway.sleep(250);
        }
        throw new AssertionError("the replicas' journals were not delivered within " + patience);
    }

    /** Rows per request id in the request log. */
    static Map<String, Long> rowsById(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT request_id, COUNT(*) AS n FROM request_logs GROUP BY request_id")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list()).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Asserts that every call received whole has exactly one row, and no request has two. */
    static void assertExactlyOneRowPerReceivedAnswer(Database db, List<MixedLoad.Call> calls) {
        Map<String, Long> rows = rowsById(db);
        List<String> received = calls.stream().filter(MixedLoad.Call::received)
                .map(c -> c.requestId().orElseThrow()).toList();
        assertThat(received).hasSizeGreaterThan(50).doesNotHaveDuplicates();
        for (String id : received) {
            assertThat(rows.get(id)).as("rows of request %s", id).isEqualTo(1L);
        }
        assertThat(rows.values()).allMatch(n -> n == 1L);
    }

    private JsonNode admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + path))
                .header("authorization", "Bearer " + AdminHttp.KEY).timeout(Duration.ofSeconds(10));
        request = json == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("content-type", "application/json");
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return Json.tryParse(response.body().getBytes()).orElseThrow();
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }
}
