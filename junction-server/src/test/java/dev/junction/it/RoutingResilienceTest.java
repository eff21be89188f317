package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pools through the running gateway: per-deployment timeouts, fallback for context-window overflows and content
 * policy refusals, retry passes and what a client disconnect does to them, pins, and no switch after the first
 * streamed byte.
 */
class RoutingResilienceTest {

    private static MockUpstream first;
    private static MockUpstream second;
    private static Gateway gateway;

    private static final String CONTEXT_EXCEEDED = """
            {"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error",
             "param":"messages","code":"context_length_exceeded"}}""";
    private static final String CONTENT_POLICY = """
            {"error":{"message":"Your request was rejected as a result of our safety system.",
             "type":"invalid_request_error","param":null,"code":"content_policy_violation"}}""";

    @BeforeAll
    static void start() {
        first = MockUpstream.start();
        second = MockUpstream.start();
        String yaml = """
                keys: [{name: tests, key: %s}]
                providers:
                  one: {base_url: "%s", api_key: sk-one-0123456789, models: [m]}
                  two: {base_url: "%s", api_key: sk-two-0123456789, models: [m]}
                routes:
                  quick:
                    groups:
                      - deployments:
                          - {provider: one, model: m, id: one-quick, timeouts: {first_byte: 300ms}}
                          - {provider: two, model: m}
                  windows:
                    groups:
                      - deployments:
                          - {provider: one, model: m, id: small, context_window: 8192}
                          - {provider: two, model: m, id: large, context_window: 200000}
                  guarded:
                    groups: [{deployments: [{provider: one, model: m}]}]
                    fallback: {content_policy: lenient}
                  lenient:
                    groups: [{deployments: [{provider: two, model: m}]}]
                  patient:
                    groups: [{deployments: [{provider: one, model: m}]}]
                    retry: {attempts: 5, backoff: 400ms, max_backoff: 400ms}
                  idle-sensitive:
                    groups: [{deployments: [{provider: one, model: m}, {provider: two, model: m}]}]
                    timeouts: {idle: 300ms}
                  pair:
                    groups: [{deployments: [{provider: one, model: m}, {provider: two, model: m}]}]
                  tiers:
                    strategy: free-tier-first
                    groups: [{deployments: [{provider: two, model: m, id: paid},
                                            {provider: one, model: m, id: free, tags: [free-tier]}]}]
                """.formatted(Gateway.KEY, first.baseUrl(), second.baseUrl());
        gateway = Gateway.start(yaml, Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        first.close();
        second.close();
    }

    @BeforeEach
    void reset() {
        first.reset();
        second.reset();
        gateway.server().health().resetAll();
    }

    private static HttpResponse<String> chat(String model, boolean stream, String... headers) {
        return gateway.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", withKey(headers));
    }

    private static String[] withKey(String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "authorization";
        all[1] = "Bearer " + Gateway.KEY;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    @Test
    void aDeploymentsOwnFirstByteTimeoutMovesTheRequestOn() {
        first.setDefault(Behavior.reply("late").withLatency(Duration.ofSeconds(2)));
        second.setDefault(Behavior.reply("on time"));

        HttpResponse<String> response = chat("quick", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("on time");
        assertThat(response.headers().firstValue("x-junction-attempts").orElseThrow())
                .matches("one-quick=504:timeout@\\d+ms, two/m=200@\\d+ms");
    }

    @Test
    void aContextWindowOverflowGoesToTheDeploymentWithTheLargerWindow() {
        first.setDefault(Behavior.status(400).withBody(CONTEXT_EXCEEDED));
        second.setDefault(Behavior.reply("plenty of room"));

        HttpResponse<String> response = chat("windows", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-junction-attempts").orElseThrow())
                .startsWith("small=400:context_window@").contains("large=200@");
    }

    @Test
    void aContextWindowOverflowWithNowhereLargerIsTheClientsError() {
        first.setDefault(Behavior.status(400).withBody(CONTEXT_EXCEEDED));

        HttpResponse<String> response = chat("windows", false, "x-junction-deployment", "small");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("context_length_exceeded");
        assertThat(second.requestCount()).isZero();
    }

    @Test
    void aContentPolicyRefusalGoesToTheDesignatedFallbackRoute() {
        first.setDefault(Behavior.status(400).withBody(CONTENT_POLICY));
        second.setDefault(Behavior.reply("answered elsewhere"));

        HttpResponse<String> response = chat("guarded", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("answered elsewhere");
        assertThat(response.headers().firstValue("x-junction-attempts").orElseThrow())
                .startsWith("one/m=400:content_policy@");
    }

    @Test
    void aRetryPassFollowsABackoffAndSucceeds() {
        first.enqueue(Behavior.status(503));
        first.setDefault(Behavior.reply("second time lucky"));

        HttpResponse<String> response = chat("patient", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(first.requestCount()).isEqualTo(2);
    }

    @Test
    void aClientThatLeavesDuringTheBackoffStopsTheRetries() throws Exception {
        first.setDefault(Behavior.status(503));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofMillis(200)).header("authorization", "Bearer " + Gateway.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"patient\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();

        try {
            client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException expected) {
            // the client gave up while the gateway waited to retry
        }
        client.close();
        Thread.sleep(1_200); // three backoffs' worth: any retry still scheduled would have run

        assertThat(first.requestCount()).isEqualTo(1);
    }

    @Test
    void aDeploymentThatSaysItsLimitIsUsedUpRestsUntilTheReset() {
        first.setDefault(Behavior.reply("last one").withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-reset-requests", "30s"));
        second.setDefault(Behavior.reply("from two"));

        HttpResponse<String> used = chat("pair", false);
        HttpResponse<String> next = chat("pair", false);

        assertThat(used.body()).contains("last one");
        assertThat(next.body()).contains("from two");
        assertThat(first.requestCount()).isEqualTo(1);
    }

    @Test
    void freeTierFirstUsesTheFreeDeploymentUntilItIsRateLimitedThenThePaidOne() {
        first.enqueue(Behavior.reply("free"));
        first.setDefault(Behavior.status(429).withHeader("retry-after", "30"));
        second.setDefault(Behavior.reply("paid"));

        HttpResponse<String> free = chat("tiers", false);
        HttpResponse<String> limited = chat("tiers", false);
        HttpResponse<String> after = chat("tiers", false);

        assertThat(free.body()).contains("free");
        assertThat(limited.body()).contains("paid");
        assertThat(limited.headers().firstValue("x-junction-attempts").orElseThrow())
                .matches("free=429:rate_limited@\\d+ms, paid=200@\\d+ms");
        assertThat(after.headers().firstValue("x-junction-attempts").orElseThrow()).startsWith("paid=200@");
        assertThat(first.requestCount()).isEqualTo(2);
    }

    @Test
    void aPinnedProviderIsTheOnlyOneTried() {
        first.setDefault(Behavior.reply("from one"));
        second.setDefault(Behavior.reply("from two"));

        HttpResponse<String> response = chat("pair", false, "x-junction-provider", "two");

        assertThat(response.body()).contains("from two");
        assertThat(first.requestCount()).isZero();
    }

    @Test
    void aStreamThatStallsAfterItsFirstEventIsNotRetriedElsewhere() {
        first.setDefault(Behavior.reply("one two three four").withInterEventDelay(Duration.ofSeconds(1)));
        second.setDefault(Behavior.reply("never"));

        HttpResponse<String> response = chat("idle-sensitive", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"error\"").doesNotContain("never");
        assertThat(second.requestCount()).isZero();
    }
}
