package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a gateway process: {@code /ready} turns unready first, an idle keep-alive connection is closed, a new
 * request is refused with a 503 and {@code Connection: close}, a stream in flight still finishes whole, and the
 * process exits with status 0.
 */
class DrainOnSigtermTest {

    @TempDir
    Path home;

    @Test
    void sigtermTurnsReadyOffLetsTheStreamInFlightFinishAndExitsZero() throws Exception {
        try (MockUpstream upstream = MockUpstream.start()) {
            upstream.setDefault(Behavior.reply("a slow answer in several words")
                    .withInterEventDelay(Duration.ofMillis(400)));
            Map<String, String> env = Map.of("OPENAI_BASE_URL", upstream.baseUrl(),
                    "OPENAI_API_KEY", "sk-upstream-secret-abcdef123456");
            // A drain far longer than the stream: the stream must end because it is done, not because time ran out.
            try (ChildGateway gateway = ChildGateway.start("drained", home, "", env, Duration.ofSeconds(60))) {
                gateway.awaitReady(Duration.ofSeconds(90));
                Socket idle = new Socket("127.0.0.1", gateway.port());
                // A keep-alive connection that has finished its exchange and sits idle.
                idle.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: gateway\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String firstAnswer = readHead(idle.getInputStream());
                assertThat(firstAnswer).startsWith("HTTP/1.1 200");

                HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"model":"openai/gpt-4o-mini","stream":true,
                                 "messages":[{"role":"user","content":"hello"}]}""")).build();
                CompletableFuture<HttpResponse<String>> stream = HttpClient.newHttpClient()
                        .sendAsync(request, HttpResponse.BodyHandlers.ofString());
                ChildGateway.sleep(600); // the stream has begun

                gateway.process().destroy(); // SIGTERM
                int readyWhileDraining = -1;
                for (int i = 0; i < 100 && readyWhileDraining != 503; i++) {
                    readyWhileDraining = gateway.readyStatus();
                    ChildGateway.sleep(50);
                }
                // The idle connection is closed by the gateway (end of stream), while the stream is still running.
                int afterDrainBegan = idle.getInputStream().read();
                boolean streamStillRunning = !stream.isDone();
                HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/v1/chat/completions")).header("content-type",
                        "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                                {"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"late"}]}"""))
                        .build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> answer = stream.get();
                boolean exited = gateway.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS);

                assertThat(readyWhileDraining).isEqualTo(503);
                assertThat(afterDrainBegan).isEqualTo(-1);
                assertThat(streamStillRunning).isTrue();
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("connection")).hasValue("close");
                assertThat(refused.headers().firstValue("retry-after")).isPresent();
                assertThat(refused.body()).contains("shutting down");
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).contains("data: [DONE]");
                assertThat(exited).isTrue();
                assertThat(gateway.process().exitValue()).isZero();
                idle.close();
            }
        }
    }

    /** Reads one response's head and its (Content-Length) body off {@code in}. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the head: " + head);
            }
            head.append((char) b);
        }
        String text = head.toString();
        int length = Integer.parseInt(text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .findFirst().orElseThrow().substring("content-length:".length()).trim());
        in.readNBytes(length);
        return text;
    }
}
