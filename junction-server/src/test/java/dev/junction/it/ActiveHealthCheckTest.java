package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.routing.health.DeploymentStatus;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A deployment with {@code health_check} is checked on its own: found dead, and brought back, without clients. */
class ActiveHealthCheckTest {

    private static MockUpstream upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        upstream.setDefault(Behavior.status(500));
        gateway = Gateway.start("""
                keys: [{name: tests, key: %s}]
                health: {consecutive_failures: 2, cool_down: 60s}
                providers:
                  checked: {base_url: "%s", api_key: sk-checked-0123456789, models: [m]}
                routes:
                  watched:
                    groups: [{deployments: [{provider: checked, model: m, health_check: 150ms}]}]
                """.formatted(Gateway.KEY, upstream.baseUrl()), Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static DeploymentStatus awaitStatus(Predicate<DeploymentStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (DeploymentStatus s : gateway.server().health().snapshot()) {
                if (s.id().equals("checked/m") && condition.test(s)) {
                    return s;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the deployment never reached the expected state: "
                + gateway.server().health().snapshot());
    }

    @Test
    void aDeadDeploymentIsFoundAndARecoveredOneReturnsWithoutClientTraffic() throws Exception {
        DeploymentStatus dead = awaitStatus(s -> s.circuit().equals("open"));

        assertThat(dead.lastError()).isPresent();
        assertThat(upstream.requests()).allSatisfy(r -> assertThat(r.json().path("max_completion_tokens").asInt())
                .isEqualTo(1));

        upstream.setDefault(Behavior.reply("pong"));
        awaitStatus(s -> s.circuit().equals("closed")); // long before the 60 s cool-down would have let a probe in

        var response = gateway.post("/v1/chat/completions",
                "{\"model\":\"watched\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization", "Bearer " + Gateway.KEY);
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
