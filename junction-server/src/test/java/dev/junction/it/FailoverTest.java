package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A route with two steps over one mock upstream: which failures move on, and which never do. */
class FailoverTest {

    private static final String ROUTES = """
            providers:
              openai:
                timeouts: {first_byte: 400ms, idle: 400ms}
            routes:
              resilient:
                steps:
                  - {provider: openai, model: primary-model}
                  - {provider: openai, model: backup-model}
              rewritten:
                steps:
                  - {provider: openai, model: primary-model, params: {set: {temperature: 0.1}, drop: [seed]}}
                  - {provider: openai, model: backup-model}
            """;

    @RegisterExtension
    static final GatewayExtension ENV = new GatewayExtension(ROUTES);

    private static String chat(boolean stream) {
        return "{\"model\":\"resilient\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    private static List<String> modelsTried() {
        return ENV.upstream().requests().stream().map(RecordedRequest::json).map(j -> j.get("model").asString()).toList();
    }

    @Test
    void serverErrorMovesToTheNextStep() {
        ENV.upstream().enqueue(Behavior.status(500));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(modelsTried()).containsExactly("primary-model", "backup-model");
        assertThat(response.headers().firstValue("x-junction-model")).contains("backup-model");
        assertThat(response.headers().firstValue("x-junction-attempts").orElseThrow())
                .matches("openai/primary-model=502:upstream_error@\\d+ms, openai/backup-model=200@\\d+ms");
    }

    @Test
    void rateLimitMovesToTheNextStep() {
        ENV.upstream().enqueue(Behavior.status(429).withHeader("retry-after", "30"));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(modelsTried()).containsExactly("primary-model", "backup-model");
    }

    @Test
    void slowFirstByteTimesOutAndMovesToTheNextStep() {
        ENV.upstream().enqueue(Behavior.hang());

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"model\":\"backup-model\"").endsWith("data: [DONE]\n\n");
        assertThat(response.headers().firstValue("x-junction-attempts").orElseThrow()).contains("=504:timeout@");
    }

    @Test
    void streamThatStallsBeforeItsFirstEventFailsOver() {
        ENV.upstream().enqueue(Behavior.ok().withFirstByteDelay(Duration.ofSeconds(3)));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(modelsTried()).containsExactly("primary-model", "backup-model");
    }

    @Test
    void nextStepGetsTheClientsBodyNotTheRewrittenOne() {
        ENV.upstream().enqueue(Behavior.status(500));

        ENV.gateway().post("/v1/chat/completions", "{\"model\":\"rewritten\",\"temperature\":0.7,\"seed\":5,"
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");

        var first = ENV.upstream().requests().get(0).json();
        var second = ENV.upstream().requests().get(1).json();
        assertThat(first.get("temperature").asDouble()).isEqualTo(0.1);
        assertThat(first.has("seed")).isFalse();
        assertThat(second.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(second.get("seed").asInt()).isEqualTo(5);
        assertThat(second.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void modelTheUpstreamDoesNotServeFailsOver() {
        ENV.upstream().enqueue(Behavior.status(404));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(modelsTried()).containsExactly("primary-model", "backup-model");
    }

    @Test
    void paymentRequiredIsTheGatewaysProblemAndFailsOver() {
        ENV.upstream().enqueue(Behavior.status(402));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(modelsTried()).containsExactly("primary-model", "backup-model");
    }

    @Test
    void keepAliveCommentDoesNotCommitTheAttempt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path sse = java.nio.file.Files.writeString(dir.resolve("comment-then-cut.sse"),
                ": keep-alive\n\ndata: {\"never\":\"sent\"}\n\n");
        ENV.upstream().enqueue(Behavior.fixture(sse.toString(), 200, "text/event-stream").cutAfterEvents(1));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(true));

        assertThat(modelsTried()).containsExactly("primary-model", "backup-model");
        assertThat(response.body()).contains("\"model\":\"backup-model\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void clientErrorIsReturnedWithoutTryingOtherSteps() {
        ENV.upstream().enqueue(Behavior.status(400));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(false));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(modelsTried()).containsExactly("primary-model");
        assertThat(response.body()).contains("\"error\"");
    }

    @Test
    void exhaustedRouteReportsTheLastFailure() {
        ENV.upstream().enqueue(Behavior.status(500));
        ENV.upstream().enqueue(Behavior.status(503));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(false));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(modelsTried()).hasSize(2);
        assertThat(response.headers().firstValue("x-junction-attempts").orElseThrow()).contains("=502:upstream_error@", "=503:unavailable@");
    }

    @Test
    void streamCutAfterItsFirstEventIsNeverRetried() {
        ENV.upstream().enqueue(Behavior.reply("a b c d e f").cutAfterEvents(2));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(true));

        assertThat(modelsTried()).containsExactly("primary-model");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"error\"").doesNotContain("[DONE]");
    }

    @Test
    void upstreamErrorEventMidStreamReachesTheClientAsAnErrorEvent() {
        ENV.upstream().enqueue(Behavior.reply("a b c d").errorAfterEvents(2));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(true));

        assertThat(modelsTried()).containsExactly("primary-model");
        assertThat(response.body()).contains("data: {\"error\":");
        assertThat(response.body().split("\"error\"")).as("exactly one error event").hasSize(2);
    }

    @Test
    void stalledStreamAfterItsFirstEventEndsWithATimeoutError() {
        ENV.upstream().enqueue(Behavior.reply("a b c").withInterEventDelay(Duration.ofSeconds(2)));

        HttpResponse<String> response = ENV.gateway().post("/v1/chat/completions", chat(true));

        assertThat(modelsTried()).containsExactly("primary-model");
        assertThat(response.body()).contains("upstream_timeout");
    }

    @Test
    void clientDisconnectCancelsTheUpstreamStream() throws Exception {
        ENV.upstream().enqueue(Behavior.reply("w ".repeat(50).strip()).withInterEventDelay(Duration.ofMillis(100)));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(ENV.gateway().baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + Gateway.KEY)
                .POST(HttpRequest.BodyPublishers.ofString(chat(true))).build();

        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] first = body.readNBytes(16);
            assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("data: ");
        }
        http.close();

        assertThat(ENV.upstream().awaitCancelledStreams(1, Duration.ofSeconds(5))).isTrue();
        ENV.gateway().awaitLog("\"client_disconnected\":true");
    }

    @Test
    void shutdownDrainsAStreamInFlight() throws Exception {
        MockUpstream own = MockUpstream.start();
        Gateway draining = Gateway.withOpenAiUpstream(own.baseUrl(), "");
        own.setDefault(Behavior.reply("one two three four five").withInterEventDelay(Duration.ofMillis(150)));
        CompletableFuture<HttpResponse<String>> pending = CompletableFuture.supplyAsync(() ->
                draining.post("/v1/chat/completions", "{\"model\":\"openai/gpt-4o\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}"));
        while (own.requestCount() == 0) {
            Thread.onSpinWait();
        }

        draining.close();
        own.close();

        HttpResponse<String> response = pending.get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("five").endsWith("data: [DONE]\n\n");
    }
}
