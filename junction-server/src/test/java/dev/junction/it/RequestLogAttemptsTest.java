package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.MockUpstream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A failover request's log entry: each attempt with its reason and timing, and the headers the client got. */
class RequestLogAttemptsTest {

    private static MockUpstream upstream;
    private static Gateway gateway;
    private static AdminHttp admin;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start(AdminHttp.CONFIG + """
                providers:
                  mockai: {preset: openai, base_url: "%s", api_key: sk-upstream-attempts-0123}
                  dead: {preset: openai, base_url: "http://127.0.0.1:9/v1", api_key: sk-dead-attempts-0123}
                routes:
                  failover:
                    groups:
                      - {deployments: [{id: first-dead, provider: dead, model: gpt-4o-mini}]}
                      - {deployments: [{id: second-ok, provider: mockai, model: gpt-4o-mini}]}
                """.formatted(upstream.baseUrl()), Map.of());
        admin = new AdminHttp(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void aFailoverEntryShowsTwoAttemptsWithTimingsAndTheHeadersSentBack() throws Exception {
        String user = admin.create("/api/admin/users", "{\"name\":\"u-" + UUID.randomUUID() + "\"}")
                .path("id").asString();
        ObjectNode key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\",\"name\":\"failover\"}");
        var chat = gateway.post("/v1/chat/completions",
                "{\"model\":\"failover\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization", "Bearer " + key.path("key").asString());
        assertThat(chat.statusCode()).isEqualTo(200);
        String requestId = chat.headers().firstValue("x-request-id").orElseThrow();

        // The log is written behind the request; wait for it to land.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        AdminHttp.Answer answer = admin.get("/api/admin/requests/" + requestId);
        while (answer.status() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = admin.get("/api/admin/requests/" + requestId);
        }
        assertThat(answer.status()).isEqualTo(200);
        JsonNode entry = answer.body();

        JsonNode attempts = entry.path("attempt_log");
        assertThat(attempts.size()).isEqualTo(2);
        JsonNode first = attempts.get(0);
        JsonNode second = attempts.get(1);
        assertThat(first.path("deployment").asString()).isEqualTo("first-dead");
        assertThat(first.path("provider").asString()).isEqualTo("dead");
        assertThat(first.path("status").asInt()).isGreaterThanOrEqualTo(500);
        assertThat(first.path("reason").asString()).isNotIn("", "ok");
        assertThat(first.path("kind").asString()).isEqualTo("first");
        assertThat(second.path("deployment").asString()).isEqualTo("second-ok");
        assertThat(second.path("provider").asString()).isEqualTo("mockai");
        assertThat(second.path("status").asInt()).isEqualTo(200);
        assertThat(second.path("reason").asString()).isEqualTo("ok");
        assertThat(second.path("kind").asString()).isEqualTo("fallback");
        assertThat(first.path("start_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(first.path("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(second.path("start_ms").asLong())
                .isGreaterThanOrEqualTo(first.path("start_ms").asLong())
                .isLessThanOrEqualTo(entry.path("latency_ms").asLong());

        JsonNode headers = entry.path("response_headers");
        assertThat(headers.path("x-request-id").asString()).isEqualTo(requestId);
        assertThat(headers.path("x-junction-attempts").asString())
                .isEqualTo(chat.headers().firstValue("x-junction-attempts").orElseThrow());
        assertThat(headers.path("x-junction-provider").asString()).isEqualTo("mockai");
        // Only the gateway's own and rate-limit headers: never content-type, cookies or anything upstream.
        headers.propertyNames().forEach(name -> assertThat(name).matches(
                "x-junction-.*|x-request-id|x-ratelimit-.*|ratelimit.*|retry-after"));

        // The reliability summary charges the fallback to the deployment that failed, the request to the one that
        // answered.
        JsonNode reliability = admin.get("/api/admin/analytics/reliability?model=failover").body().path("data");
        JsonNode dead = row(reliability, "first-dead");
        JsonNode ok = row(reliability, "second-ok");
        assertThat(dead.path("fallbacks_caused").asLong()).isEqualTo(1);
        assertThat(dead.path("requests").asLong()).isZero();
        assertThat(ok.path("requests").asLong()).isEqualTo(1);
        assertThat(ok.path("fallbacks").asLong()).isEqualTo(1);
        assertThat(ok.path("fallbacks_caused").asLong()).isZero();
    }

    private static JsonNode row(JsonNode data, String deployment) {
        for (JsonNode item : data) {
            if (item.path("group").path("deployment").asString("").equals(deployment)) {
                return item;
            }
        }
        throw new AssertionError("no reliability row for " + deployment + " in " + data);
    }
}
