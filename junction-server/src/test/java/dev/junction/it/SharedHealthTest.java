package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two gateway replicas sharing a Redis (the local one, or a Redis Cluster): a deployment one replica finds sick is
 * taken out on the other too, before the other has sent it a single request.
 */
@ParameterizedClass
@EnumSource(SharedRedis.class)
class SharedHealthTest {

    private static MockUpstream sick;
    private static MockUpstream healthy;
    private static Gateway first;
    private static Gateway second;
    private static String yaml;

    @Parameter
    SharedRedis redis;

    @BeforeParameterizedClassInvocation
    static void start(SharedRedis redis) {
        String redisUrl = redis.url();
        sick = MockUpstream.start();
        healthy = MockUpstream.start();
        yaml = """
                keys: [{name: tests, key: %s}]
                redis: {url: "%s"}
                health: {consecutive_failures: 2, cool_down: 30s}
                providers:
                  sick: {base_url: "%s", api_key: sk-sick-0123456789, models: [m]}
                  healthy: {base_url: "%s", api_key: sk-healthy-0123456789, models: [m]}
                routes:
                  shared:
                    groups: [{deployments: [{provider: sick, model: m, id: shared-sick-%d},
                                            {provider: healthy, model: m}]}]
                """.formatted(Gateway.KEY, redisUrl, sick.baseUrl(), healthy.baseUrl(), System.nanoTime());
        first = Gateway.start(yaml, Map.of());
        second = Gateway.start(yaml, Map.of());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        first.close();
        second.close();
        sick.close();
        healthy.close();
    }

    private static HttpResponse<String> chat(Gateway gateway) {
        return gateway.post("/v1/chat/completions",
                "{\"model\":\"shared\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization", "Bearer " + Gateway.KEY);
    }

    @Test
    void aCircuitOpenedByOneReplicaSparesTheSickDeploymentOnTheOther() throws Exception {
        sick.setDefault(Behavior.status(500));
        healthy.setDefault(Behavior.reply("fine"));

        assertThat(chat(first).statusCode()).isEqualTo(200);
        assertThat(chat(first).statusCode()).isEqualTo(200); // the second 500 opens the circuit on the first replica
        long sickCalls = sick.requestCount();
        assertThat(sickCalls).isEqualTo(2);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (second.server().health().snapshot().stream().noneMatch(s -> s.circuit().equals("open"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        HttpResponse<String> fromSecond = chat(second);

        assertThat(fromSecond.statusCode()).isEqualTo(200);
        assertThat(fromSecond.headers().firstValue("x-junction-attempts").orElseThrow()).startsWith("healthy/m=200");
        assertThat(sick.requestCount()).isEqualTo(sickCalls);

        try (Gateway late = Gateway.start(yaml, Map.of())) { // a replica that starts after the circuit opened
            assertThat(late.server().health().snapshot()).anySatisfy(s -> {
                assertThat(s.id()).startsWith("shared-sick-");
                assertThat(s.circuit()).isEqualTo("open");
            });
        }
    }
}
