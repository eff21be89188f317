package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.MockUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A collector that is not there costs requests nothing: they succeed while spans pile up in the bounded queue, fail
 * to export, and are counted as dropped.
 */
class TracingDeadCollectorTest {

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again: nothing listens there
        }
    }

    @Test
    void requestsSucceedAndLostSpansAreCounted() throws Exception {
        try (MockUpstream upstream = MockUpstream.start();
             Gateway gateway = Gateway.start("keys: [{name: tests, key: " + Gateway.KEY + "}]\n"
                     + "tracing: {logs: true, queue_size: 4}\n", Map.of("OPENAI_BASE_URL", upstream.baseUrl(),
                     "OPENAI_API_KEY", "sk-upstream-secret-abcdef123456",
                     "OTLP_ENDPOINT", "127.0.0.1:" + freePort()))) {
            assertThat(gateway.server().tracing().enabled()).isTrue();
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> response = gateway.post("/v1/chat/completions",
                        "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertThat(response.statusCode()).isEqualTo(200);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (gateway.server().tracing().droppedSpans() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(gateway.server().tracing().droppedSpans()).as("spans lost to the full queue or the dead collector")
                    .isPositive();
            assertThat(gateway.server().tracing().droppedLogs()).isPositive();
            var ready = dev.junction.json.Json.tryParse(gateway.get("/ready").body()).orElseThrow().path("tracing");
            assertThat(ready.path("enabled").asBoolean()).isTrue();
            assertThat(ready.path("dropped_spans").asLong()).isPositive();
        }
    }
}
