package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.plugins.FaultyExtension;
import dev.junction.it.plugins.FaultyExtension.Fault;
import dev.junction.json.Json;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Failure isolation: a slow or throwing hook, on the event loop or declared blocking (the worker pool), follows its
 * failure mode (fail-open: the request goes on; fail-closed: a 503 in the caller's dialect), is counted, and an
 * extension that keeps failing is disabled until re-enabled.
 */
class ExtensionFailureTest {

    private static final String ADMIN = "jk-admin-0123456789abcdef";
    private static final String CHAT = "{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static MockUpstream upstream;
    private Gateway gateway;

    @BeforeAll
    static void startUpstream() {
        upstream = MockUpstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void resetFaults() {
        FaultyExtension.fault = Fault.NONE;
        FaultyExtension.sleepMillis = 300;
        FaultyExtension.CALLS.set(0);
        upstream.reset();
    }

    @AfterEach
    void stopGateway() {
        FaultyExtension.fault = Fault.NONE;
        if (gateway != null) {
            gateway.close();
        }
    }

    private Gateway start(String plugin, String overrides) {
        gateway = Gateway.withOpenAiUpstream(upstream.baseUrl(), """
                admin_keys: [{name: ops, key: %s}]
                metrics: {token: metrics-token-0123456789}
                routes:
                  plain: {steps: [{provider: openai, model: gpt-4o}]}
                extensions:
                  disable_after: 3
                  plugins:
                    %s: {%s}
                """.formatted(ADMIN, plugin, overrides));
        return gateway;
    }

    private HttpResponse<String> chat() {
        return gateway.post("/v1/chat/completions", CHAT);
    }

    private JsonNode listed() {
        var response = gateway.get("/api/admin/extensions", "authorization", "Bearer " + ADMIN);
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.tryParse(response.body().getBytes()).orElseThrow().get("extensions").get(0);
    }

    private double failures(String reason) {
        var scrape = gateway.get("/metrics", "authorization", "Bearer metrics-token-0123456789");
        return Scrape.parse(scrape.body()).sum("junction_extension_failures_total", "reason", reason);
    }

    @Test
    void aSlowHookThatFailsOpenIsSkippedAndTheRequestIsAnswered() {
        start("faulty", "");
        FaultyExtension.fault = Fault.SLOW;

        assertThat(chat().statusCode()).isEqualTo(200);
        assertThat(upstream.requests()).hasSize(1);
        assertThat(listed().get("timeouts").asLong()).isEqualTo(1);
        assertThat(failures("timeout")).isEqualTo(1);
    }

    @Test
    void aSlowHookThatFailsClosedRefusesTheRequestWithA503InOpenAisShape() {
        start("faulty", "failure_mode: fail-closed");
        FaultyExtension.fault = Fault.SLOW;

        HttpResponse<String> response = chat();

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode error = Json.tryParse(response.body().getBytes()).orElseThrow().get("error");
        assertThat(error.get("message").asString()).contains("faulty");
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void aSlowBlockingHookRunsOnTheWorkerPoolAndItsTimeoutFailsOpen() {
        start("faulty-blocking", "");
        FaultyExtension.fault = Fault.SLOW;
        FaultyExtension.sleepMillis = 1500;

        assertThat(chat().statusCode()).isEqualTo(200);
        assertThat(FaultyExtension.lastThread).contains("worker");
        assertThat(listed().get("timeouts").asLong()).isEqualTo(1);
    }

    @Test
    void aSlowBlockingHookThatFailsClosedIsAnsweredInAnthropicsShapeOfUnavailable() {
        start("faulty-blocking", "failure_mode: fail-closed");
        FaultyExtension.fault = Fault.SLOW;
        FaultyExtension.sleepMillis = 1500;

        HttpResponse<String> response = gateway.post("/v1/messages",
                "{\"model\":\"plain\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", Gateway.KEY, "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).as("Anthropic's status for unavailable").isEqualTo(529);
        JsonNode body = Json.tryParse(response.body().getBytes()).orElseThrow();
        assertThat(body.get("error").get("type").asString()).isEqualTo("overloaded_error");
        assertThat(body.get("error").get("message").asString()).contains("faulty-blocking");
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void aThrowingHookThatFailsOpenIsSkipped() {
        start("faulty", "");
        FaultyExtension.fault = Fault.THROW;

        assertThat(chat().statusCode()).isEqualTo(200);
        assertThat(listed().get("failures").asLong()).isEqualTo(1);
        assertThat(failures("error")).isEqualTo(1);
        assertThat(gateway.awaitLog("the faulty extension fails on purpose")).contains("\"extension\":\"faulty\"");
    }

    @Test
    void aThrowingBlockingHookThatFailsClosedIsAnsweredWithA503InGeminisShape() {
        start("faulty-blocking", "failure_mode: fail-closed");
        FaultyExtension.fault = Fault.THROW;

        HttpResponse<String> response = gateway.post("/v1beta/models/plain:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}",
                "x-goog-api-key", Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode error = Json.tryParse(response.body().getBytes()).orElseThrow().get("error");
        assertThat(error.get("status").asString()).isEqualTo("UNAVAILABLE");
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void anExtensionThatKeepsFailingIsDisabledThenReenabled() {
        start("faulty", "failure_mode: fail-closed");
        FaultyExtension.fault = Fault.THROW;
        for (int i = 0; i < 3; i++) {
            assertThat(chat().statusCode()).isEqualTo(503);
        }
        assertThat(listed().get("state").asString()).isEqualTo("disabled");
        assertThat(gateway.awaitLog("Extension disabled after repeated failures")).contains("faulty");

        assertThat(chat().statusCode()).as("a disabled extension is skipped").isEqualTo(200);
        assertThat(FaultyExtension.CALLS.get()).isEqualTo(3);

        FaultyExtension.fault = Fault.NONE;
        var enabled = gateway.request("POST", "/api/admin/extensions/faulty/enable", null,
                "authorization", "Bearer " + ADMIN);
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(listed().get("state").asString()).isEqualTo("active");
        assertThat(chat().statusCode()).isEqualTo(200);
        assertThat(FaultyExtension.CALLS.get()).isEqualTo(4);
    }

    @Test
    void enablingAnUnknownExtensionIsA404() {
        start("faulty", "");

        var response = gateway.request("POST", "/api/admin/extensions/nobody/enable", null,
                "authorization", "Bearer " + ADMIN);

        assertThat(response.statusCode()).isEqualTo(404);
    }
}
