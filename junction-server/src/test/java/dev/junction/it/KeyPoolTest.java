package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A provider configured with several keys, end to end: the upstream sees them all, a key it rate-limits or refuses
 * is set aside while the others serve the same request, and the admin API shows each key's state but never a key.
 */
class KeyPoolTest {

    private static final String ADMIN = "admin-key-0123456789abcdef";
    private static final String CHAT = "{\"model\":\"pooled/m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private MockUpstream upstream;
    private Gateway gateway;

    @BeforeEach
    void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                admin_keys: [{name: ops, key: %s}]
                providers:
                  pooled:
                    base_url: "%s"
                    models: [m]
                    api_keys:
                      - sk-pool-alpha-0123456789
                      - {key: sk-pool-beta-0123456789, name: beta, weight: 2}
                    key_pool: {rest_for: 1m, disable_for: 1h}
                """.formatted(Gateway.KEY, ADMIN, upstream.baseUrl()), Map.of());
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void theUpstreamReceivesEveryKeyOfThePool() {
        for (int i = 0; i < 40; i++) {
            assertThat(gateway.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }

        assertThat(keysReceived()).contains("sk-pool-alpha-0123456789", "sk-pool-beta-0123456789");
    }

    @Test
    void aRateLimitedKeyRestsAndTheRequestSucceedsWithTheOther() {
        upstream.enqueue(Behavior.status(429).withHeader("retry-after", "120"));

        HttpResponse<String> response = gateway.post("/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> keys = keysReceived();
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0)).isNotEqualTo(keys.get(1));
        JsonNode resting = keyState(nameOf(keys.get(0)));
        assertThat(resting.path("state").asString()).isEqualTo("resting");
        assertThat(resting.path("rate_limits").asLong()).isEqualTo(1);
        assertThat(resting.has("until")).isTrue();
        for (int i = 0; i < 10; i++) {
            gateway.post("/v1/chat/completions", CHAT);
        }
        assertThat(keysReceived().subList(2, 12)).containsOnly(keys.get(1));
        JsonNode health = deploymentHealth();
        assertThat(health.path("failures").asLong()).isZero();
    }

    @Test
    void aRefusedKeyIsSetAsideUntilAnOperatorResetsIt() {
        upstream.enqueue(Behavior.status(401));

        assertThat(gateway.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        String refused = nameOf(keysReceived().get(0));
        assertThat(keyState(refused).path("state").asString()).isEqualTo("refused");

        HttpResponse<String> reset = gateway.request("POST", "/api/admin/health/keys/pooled/" + refused + "/reset",
                null, "authorization", "Bearer " + ADMIN);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(keyState(refused).path("state").asString()).isEqualTo("active");
        HttpResponse<String> unknown = gateway.request("POST", "/api/admin/health/keys/pooled/nobody/reset", null,
                "authorization", "Bearer " + ADMIN);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void whenEveryKeyIsOutTheClientIsToldWhenToComeBack() {
        upstream.enqueue(Behavior.status(429).withHeader("retry-after", "120"));
        upstream.enqueue(Behavior.status(429).withHeader("retry-after", "120"));

        HttpResponse<String> first = gateway.post("/v1/chat/completions", CHAT);
        HttpResponse<String> second = gateway.post("/v1/chat/completions", CHAT);

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("retry-after")).isPresent();
        assertThat(upstream.requestCount()).isEqualTo(2);
    }

    @Test
    void theAdminApiNamesTheKeysButNeverShowsOne() {
        HttpResponse<String> response = gateway.get("/api/admin/health/keys", "authorization", "Bearer " + ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("sk-pool");
        JsonNode keys = Json.tryParse(response.body()).orElseThrow().path("keys");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).path("key").asString()).isEqualTo("key-1");
        assertThat(keys.get(1).path("key").asString()).isEqualTo("beta");
        assertThat(keys.get(1).path("weight").asInt()).isEqualTo(2);
    }

    private List<String> keysReceived() {
        return upstream.requests().stream().map(r -> r.header("authorization").orElse(""))
                .map(h -> h.replaceFirst("^Bearer ", "")).toList();
    }

    private static String nameOf(String key) {
        return key.equals("sk-pool-alpha-0123456789") ? "key-1" : "beta";
    }

    private JsonNode keyState(String name) {
        JsonNode keys = admin("/api/admin/health/keys").path("keys");
        for (JsonNode key : keys) {
            if (key.path("key").asString().equals(name)) {
                return key;
            }
        }
        throw new AssertionError("no key " + name + " in " + keys);
    }

    private JsonNode deploymentHealth() {
        return admin("/api/admin/health/deployments").path("deployments").get(0);
    }

    private JsonNode admin(String path) {
        return Json.tryParse(gateway.get(path, "authorization", "Bearer " + ADMIN).body()).orElseThrow();
    }
}
