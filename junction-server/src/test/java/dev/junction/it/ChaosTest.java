package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Three deployments behind one route, each sick in its own way: one answers 500, one is slow to its first byte, one
 * answers 429 with {@code Retry-After}. Over a thousand requests every one succeeds, the sick deployments are taken
 * out (the failing one by its circuit, the rate-limited one for as long as it asked), and both come back once they
 * recover.
 */
class ChaosTest {

    private static final String ADMIN = "admin-key-0123456789abcdef";
    private static MockUpstream failing;
    private static MockUpstream slow;
    private static MockUpstream limited;
    private static Gateway gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        failing = MockUpstream.start();
        slow = MockUpstream.start();
        limited = MockUpstream.start();
        String yaml = """
                keys: [{name: tests, key: %s}]
                admin_keys: [{name: ops, key: %s}]
                health: {consecutive_failures: 3, cool_down: 1s}
                providers:
                  failing: {base_url: "%s", api_key: sk-failing-0123456789, models: [m]}
                  slow: {base_url: "%s", api_key: sk-slow-0123456789, models: [m]}
                  limited: {base_url: "%s", api_key: sk-limited-0123456789, models: [m]}
                routes:
                  chaos:
                    strategy: round-robin
                    groups:
                      - deployments:
                          - {provider: failing, model: m}
                          - {provider: slow, model: m}
                          - {provider: limited, model: m}
                """.formatted(Gateway.KEY, ADMIN, failing.baseUrl(), slow.baseUrl(), limited.baseUrl());
        gateway = Gateway.start(yaml, Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        failing.close();
        slow.close();
        limited.close();
    }

    @Test
    void everyRequestSucceedsWhileSickDeploymentsAreEjectedAndTheyReturnAfterRecovery() throws Exception {
        failing.setDefault(Behavior.status(500));
        slow.setDefault(Behavior.reply("slow but sure").withLatency(Duration.ofMillis(20)));
        limited.setDefault(Behavior.status(429).withHeader("retry-after", "1"));

        List<HttpResponse<String>> responses = load(1000, 16);

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        assertThat(responses).filteredOn(r -> r.body().startsWith("data:"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.body()).contains("\" but\"").endsWith("[DONE]\n\n"));
        // Ejected: without a circuit the failing deployment would see a third of the traffic (about 333 requests),
        // and the rate-limited one as much; with one, a handful in the first moments and one probe per cool-down.
        assertThat(failing.requestCount()).isLessThan(40);
        assertThat(limited.requestCount()).isLessThan(40);
        JsonNode health = adminHealth();
        assertThat(deployment(health, "failing/m").path("transitions").asLong()).isPositive();
        assertThat(deployment(health, "limited/m").path("last_error").asString()).isEqualTo("rate_limited");

        failing.setDefault(Behavior.reply("recovered"));
        limited.setDefault(Behavior.reply("recovered"));
        long failingBefore = failing.requestCount();
        long limitedBefore = limited.requestCount();
        Thread.sleep(1_500); // longer than the cool-down and the Retry-After

        List<HttpResponse<String>> after = load(90, 4);

        assertThat(after).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(failing.requestCount() - failingBefore).isGreaterThan(10);
        assertThat(limited.requestCount() - limitedBefore).isGreaterThan(10);
        assertThat(deployment(adminHealth(), "failing/m").path("circuit").asString()).isEqualTo("closed");
        // Every attempt, streams included, has given its in-flight slot back.
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (deployment(adminHealth(), "slow/m").path("in_flight").asInt() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(deployment(adminHealth(), "slow/m").path("in_flight").asInt()).isZero();
    }

    @Test
    void theAdminHealthListNeedsAnAdminKey() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/api/admin/health/deployments")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withGatewayKey = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/api/admin/health/deployments")).header("authorization", "Bearer " + Gateway.KEY).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(withGatewayKey.statusCode()).isEqualTo(401);
        assertThat(deployment(adminHealth(), "slow/m").path("routes").get(0).asString()).isEqualTo("chaos");
    }

    @Test
    void theAdminApiDescribesItselfInOpenApi() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/api/admin/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = Json.tryParse(response.body()).orElseThrow();
        assertThat(doc.path("openapi").asString()).startsWith("3.");
        assertThat(doc.path("paths").propertyNames()).contains("/api/admin/health/deployments",
                "/api/admin/health/deployments/{id}/reset");
    }

    private List<HttpResponse<String>> load(int requests, int concurrency) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            boolean stream = i % 5 == 0;
            slots.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(20)).header("authorization", "Bearer " + Gateway.KEY)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"chaos\",\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"request " + i + "\"}]}"))
                    .build();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> slots.release()));
        }
        List<HttpResponse<String>> out = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : all) {
            out.add(f.get());
        }
        return out;
    }

    private JsonNode adminHealth() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/api/admin/health/deployments")).header("authorization", "Bearer " + ADMIN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.tryParse(response.body()).orElseThrow();
    }

    private static JsonNode deployment(JsonNode health, String id) {
        for (JsonNode d : health.path("deployments")) {
            if (d.path("id").asString().equals(id)) {
                return d;
            }
        }
        throw new AssertionError("no deployment " + id + " in " + health);
    }
}
