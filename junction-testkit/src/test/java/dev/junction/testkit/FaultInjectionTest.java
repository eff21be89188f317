package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

@Timeout(10)
class FaultInjectionTest extends MockUpstreamTestBase {

    @Test
    void statusBehaviourSendsOpenAiRateLimitErrorWithRetryAfterHeader() {
        mock.enqueue(Behavior.status(429).withHeader("Retry-After", "2"));

        HttpResponse<String> response = client.post(WireClient.chat("hi"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("2");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode error = WireClient.parse(response.body()).path("error");
        assertThat(error.path("type").stringValue()).isEqualTo("requests");
        assertThat(error.path("code").stringValue()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").stringValue()).contains("gpt-4o-mini");
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("param").isNull()).isTrue();
    }

    @Test
    void everyErrorStatusGetsAnErrorBodyWithAllFourKeys() {
        for (int status : new int[] {400, 401, 403, 404, 409, 500, 502, 503, 504}) {
            mock.enqueue(Behavior.status(status));

            HttpResponse<String> response = client.post(WireClient.chat("hi"));

            assertThat(response.statusCode()).isEqualTo(status);
            JsonNode error = WireClient.parse(response.body()).path("error");
            assertThat(error.propertyNames()).containsExactlyInAnyOrder("message", "type", "param", "code");
            assertThat(error.path("type").stringValue())
                    .isEqualTo(status >= 500 ? "server_error" : "invalid_request_error");
        }
    }

    @Test
    void statusWithBodySendsThatBodyInstead() {
        mock.enqueue(Behavior.status(401).withBody("{\"error\":{\"message\":\"custom\",\"type\":\"x\",\"param\":null,\"code\":null}}"));

        HttpResponse<String> response = client.post(WireClient.chat("hi"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(WireClient.parse(response.body()).path("error").path("message").stringValue()).isEqualTo("custom");
    }

    @Test
    void cutAfterEventsClosesTheConnectionAfterThatManyEventsWithoutDoneOrFinalChunk() {
        mock.enqueue(Behavior.ok().cutAfterEvents(2));

        String raw = client.postRawUntilClosed(WireClient.streamingChat("hi", false).toString());

        assertThat(raw).startsWith("HTTP/1.1 200 OK").contains("transfer-encoding: chunked");
        assertThat(raw.split("data: ", -1)).hasSize(3); // two events
        assertThat(raw).doesNotContain("[DONE]").doesNotEndWith("0\r\n\r\n");
        assertThat(mock.cancelledStreams()).isZero();
    }

    @Test
    void cutStreamFailsTheClientsBodyRead() {
        mock.enqueue(Behavior.ok().cutAfterEvents(2));

        assertThatThrownBy(() -> client.send(client.chatRequest(WireClient.streamingChat("hi", false).toString())))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void errorAfterEventsSendsTheInStreamErrorEventAndEndsWithoutDone() {
        mock.enqueue(Behavior.ok().errorAfterEvents(2));

        HttpResponse<String> response = client.post(WireClient.streamingChat("hi", true));

        var data = WireClient.dataOf(response.body());
        assertThat(data).hasSize(3).doesNotContain("[DONE]");
        assertThat(WireClient.parse(data.getLast())).isEqualTo(WireClient.parse("""
                {"error":{"message":"The server had an error while processing your request. Sorry about that!",
                          "type":"server_error","param":null,"code":null}}
                """));
    }

    @Test
    void hangingRequestCountsAsCancelledWhenTheClientTimesOut() {
        mock.enqueue(Behavior.hang());

        assertThatThrownBy(() -> client.open(client.request("/chat/completions")
                        .timeout(Duration.ofMillis(100))
                        .POST(HttpRequest.BodyPublishers.ofString(WireClient.chat("hi").toString()))
                        .build()))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(mock.awaitCancelledStreams(1, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void firstByteDelaySendsTheHeadersBeforeTheFirstEvent() throws Exception {
        mock.enqueue(Behavior.ok().withFirstByteDelay(Duration.ofMinutes(1)));

        // send() returns once the headers arrived; were they held back with the first event, it would time out
        HttpResponse<InputStream> response = client.open(client.chatRequest(WireClient.streamingChat("hi", false).toString()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        response.body().close();
        mock.awaitCancelledStreams(1, Duration.ofSeconds(5)); // so the disconnect cannot leak into the next test
    }

    @Test
    void streamAbandonedMidwayByTheClientCountsAsCancelled() throws Exception {
        mock.enqueue(Behavior.ok().withInterEventDelay(Duration.ofMillis(50)));
        HttpResponse<InputStream> response = client.open(client.chatRequest(WireClient.streamingChat("hi", false).toString()));
        var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).startsWith("data: {");

        reader.close();

        assertThat(mock.awaitCancelledStreams(1, Duration.ofSeconds(5))).isTrue();
        assertThat(mock.cancelledStreams()).isEqualTo(1);
    }

    @Test
    void latencyDelaysTheResponseAtLeastThatLong() {
        mock.enqueue(Behavior.ok().withLatency(Duration.ofMillis(100)));
        long started = System.nanoTime();

        HttpResponse<String> response = client.post(WireClient.chat("hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void interEventDelayPacesTheStreamWithoutChangingItsContent() {
        mock.enqueue(Behavior.reply("a b c d").withInterEventDelay(Duration.ofMillis(20)));
        long started = System.nanoTime();

        var data = WireClient.dataOf(client.post(WireClient.streamingChat("hi", false)).body());

        assertThat(data).hasSize(7).last().isEqualTo("[DONE]"); // role, 4 words, finish, [DONE]
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(6 * 20));
    }

    @Test
    void eventStreamFixtureIsServedVerbatim() throws Exception {
        var fixture = WireClient.fixture("response.tools.stream.sse");
        mock.enqueue(Behavior.fixture(fixture.toString(), 200, "text/event-stream; charset=utf-8"));

        HttpResponse<String> response = client.post(WireClient.streamingChat("hi", false));

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(response.body()).isEqualTo(Files.readString(fixture));
    }

    @Test
    void eventStreamFixtureCanBeCutLikeAGeneratedStream() {
        var fixture = WireClient.fixture("response.stream.sse");
        mock.enqueue(Behavior.fixture(fixture.toString(), 200, "text/event-stream; charset=utf-8").cutAfterEvents(3));

        String raw = client.postRawUntilClosed(WireClient.streamingChat("hi", false).toString());

        assertThat(raw.split("data: ", -1)).hasSize(4); // three events
        assertThat(raw).doesNotContain("[DONE]");
    }

    @Test
    void jsonFixtureIsServedWithItsStatus() throws Exception {
        var fixture = WireClient.fixture("error.400.empty-messages.json");
        mock.enqueue(Behavior.fixture(fixture.toString(), 400, "application/json"));

        HttpResponse<String> response = client.post(WireClient.chat("hi"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(WireClient.parse(response.body())).isEqualTo(WireClient.JSON.readTree(fixture));
    }
}
