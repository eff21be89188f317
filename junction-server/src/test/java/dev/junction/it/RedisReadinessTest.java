package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Readiness follows Redis when one is configured: unready while it cannot be reached, ready again once it is back. */
class RedisReadinessTest {

    @Test
    void aGatewayWhoseRedisIsUnreachableIsAliveButNotReady() throws Exception {
        try (TcpProxy redis = new TcpProxy(6379)) {
            try (Gateway gateway = Gateway.start("", Map.of("JUNCTION_REDIS_URL", "redis://127.0.0.1:" + redis.port()))) {
                awaitReadyStatus(gateway, 200);

                redis.cut();

                JsonNode body = awaitReadyStatus(gateway, 503);
                assertThat(body.at("/unready_because").toString()).contains("Redis cannot be reached");
                assertThat(gateway.get("/health").statusCode()).isEqualTo(200);
                redis.restore();
                awaitReadyStatus(gateway, 200);
            }
        }
    }

    private static JsonNode awaitReadyStatus(Gateway gateway, int status) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            var response = gateway.get("/ready");
            if (response.statusCode() == status) {
                return Json.tryParse(response.body().getBytes()).orElseThrow();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/ready never answered " + status);
    }
}
