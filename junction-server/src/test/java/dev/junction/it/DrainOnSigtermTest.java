package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a gateway process: {@code /ready} turns unready first, a stream in flight still finishes whole, and the
 * process exits with status 0.
 */
class DrainOnSigtermTest {

    @TempDir
    Path home;

    @Test
    @org.junit.jupiter.api.Disabled("Fails today: the stream in flight is cut (the client sees a broken chunked body) and a"
            + " JVM ended by SIGTERM exits 143, not 0; see docs/operations.md, 'Shutdown and drain'")
    void sigtermTurnsReadyOffLetsTheStreamInFlightFinishAndExitsZero() throws Exception {
        try (MockUpstream upstream = MockUpstream.start()) {
            upstream.setDefault(Behavior.reply("a slow answer in several words")
                    .withInterEventDelay(Duration.ofMillis(400)));
            Map<String, String> env = Map.of("OPENAI_BASE_URL", upstream.baseUrl(),
                    "OPENAI_API_KEY", "sk-upstream-secret-abcdef123456");
            try (ChildGateway gateway = ChildGateway.start("drained", home, "", env)) {
                gateway.awaitReady(Duration.ofSeconds(90));
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                        + "/v1/chat/completions")).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"model":"openai/gpt-4o-mini","stream":true,
                                 "messages":[{"role":"user","content":"hello"}]}""")).build();
                CompletableFuture<HttpResponse<String>> stream = HttpClient.newHttpClient()
                        .sendAsync(request, HttpResponse.BodyHandlers.ofString());
                ChildGateway.sleep(600); // the stream has begun

                gateway.process().destroy(); // SIGTERM
                int readyWhileDraining = -1;
                for (int i = 0; i < 50 && readyWhileDraining != 503; i++) {
                    readyWhileDraining = gateway.readyStatus();
                    ChildGateway.sleep(50);
                }
                HttpResponse<String> answer = stream.get();
                boolean exited = gateway.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);

                assertThat(readyWhileDraining).isEqualTo(503);
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).contains("data: [DONE]");
                assertThat(exited).isTrue();
                assertThat(gateway.process().exitValue()).isZero();
            }
        }
    }
}
