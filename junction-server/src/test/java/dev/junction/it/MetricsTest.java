package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /metrics} of a real gateway, scraped and parsed after known traffic: the GenAI histograms and the
 * gateway's counters carry the values the traffic implies, under bounded labels; the endpoint is protected by the
 * admin key or the metrics token, or served on a port of its own.
 */
class MetricsTest {

    private static final String TOKEN = "metrics-token-0123456789";
    private static final String BASE = "keys: [{name: tests, key: " + Gateway.KEY + "}]\n" + AdminHttp.CONFIG;

    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Gateway start(String metricsYaml) {
        gateway = Gateway.start(BASE + metricsYaml, Map.of());
        return gateway;
    }

    private Scrape scrape() {
        HttpResponse<String> answer = gateway.get("/metrics", "authorization", "Bearer " + TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Scrape.parse(answer.body());
    }

    /** Scrapes until {@code ready} holds (request events are published after the answer has gone out). */
    private Scrape awaitScrape(Predicate<Scrape> ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Scrape last = scrape();
        while (!ready.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = scrape();
        }
        return last;
    }

    @Test
    void threeChatTurnsAreCountedWithTheirTokensAndDurations() throws Exception {
        start("metrics: {token: " + TOKEN + "}\n");
        long input = 0;
        long output = 0;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = ClientWire.OPENAI.chat(gateway, "mock/echo", "count me number " + i, false);
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode usage = Json.MAPPER.readTree(answer.body()).path("usage");
            input += usage.path("prompt_tokens").asLong();
            output += usage.path("completion_tokens").asLong();
        }
        assertThat(input).isPositive();
        assertThat(output).isPositive();

        String[] chat = {"route", "mock/echo", "provider", "mock", "status_class", "2xx", "operation", "chat",
            "endpoint", "/v1/chat/completions"};
        Scrape s = awaitScrape(x -> x.sum("junction_requests_total", chat) >= 3
                && x.sum("gen_ai_client_operation_duration_seconds_count") >= 3);

        assertThat(s.sum("junction_requests_total", chat)).isEqualTo(3);
        assertThat(s.matching("junction_requests_total")).allSatisfy(sample ->
                assertThat(sample.labels()).doesNotContainKey("key_name"));
        String[] genAi = {"gen_ai_operation_name", "chat", "gen_ai_provider_name", "mock", "gen_ai_request_model",
            "mock/echo"};
        assertThat(s.sum("gen_ai_client_operation_duration_seconds_count", genAi)).isEqualTo(3);
        assertThat(s.sum("gen_ai_client_operation_duration_seconds_bucket", "le", "+Inf")).isEqualTo(3);
        assertThat(s.matching("gen_ai_client_operation_duration_seconds_bucket", genAi))
                .extracting(x -> x.labels().get("le"))
                .containsExactly("0.01", "0.02", "0.04", "0.08", "0.16", "0.32", "0.64", "1.28", "2.56", "5.12",
                        "10.24", "20.48", "40.96", "81.92", "+Inf");
        assertThat(s.matching("gen_ai_client_operation_duration_seconds_count", genAi)).singleElement()
                .satisfies(x -> assertThat(x.labels().get("gen_ai_response_model")).isNotEqualTo("none"));
        assertThat(s.sum("gen_ai_client_token_usage_sum", "gen_ai_token_type", "input")).isEqualTo(input);
        assertThat(s.sum("gen_ai_client_token_usage_sum", "gen_ai_token_type", "output")).isEqualTo(output);
        assertThat(s.sum("gen_ai_client_token_usage_count", "gen_ai_token_type", "input")).isEqualTo(3);
        assertThat(s.sum("junction_attempts_total", "deployment", "mock/echo", "outcome", "success")).isEqualTo(3);
        assertThat(s.sum("junction_fallbacks_total")).isZero();
        assertThat(s.sum("junction_errors_total")).isZero();
        assertThat(s.sum("junction_deployment_circuit_state", "deployment", "mock/echo", "state", "closed"))
                .isEqualTo(1);
        assertThat(s.sum("junction_deployment_circuit_state", "deployment", "mock/echo", "state", "open")).isZero();
        assertThat(s.matching("junction_deployment_in_flight", "deployment", "mock/echo")).hasSize(1);
    }

    @Test
    void aStreamRecordsTimeToFirstTokenAndFailuresAreCountedByClass() throws Exception {
        start("metrics: {token: " + TOKEN + "}\n");
        assertThat(ClientWire.ANTHROPIC.chat(gateway, "mock/echo", "stream me", true).statusCode()).isEqualTo(200);
        assertThat(ClientWire.OPENAI.chat(gateway, "mock/fail", "fail me", false).statusCode()).isEqualTo(503);
        assertThat(ClientWire.OPENAI.chat(gateway, "nobody/knows-this-model", "who", false).statusCode())
                .isEqualTo(404);

        Scrape s = awaitScrape(x -> x.sum("junction_requests_total") >= 3);

        assertThat(s.sum("gen_ai_server_time_to_first_token_seconds_count", "gen_ai_request_model", "mock/echo"))
                .isEqualTo(1);
        assertThat(s.sum("gen_ai_server_time_to_first_token_seconds_sum")).isPositive();
        assertThat(s.sum("junction_errors_total", "error_type", "unavailable", "route", "mock/fail",
                "provider", "mock")).isEqualTo(1);
        assertThat(s.sum("junction_attempts_total", "deployment", "mock/fail", "outcome", "unavailable"))
                .isEqualTo(1);
        assertThat(s.sum("junction_requests_total", "route", "mock/fail", "status_class", "5xx")).isEqualTo(1);
        assertThat(s.sum("junction_requests_total", "route", "unknown", "status_class", "4xx",
                "provider", "none")).isEqualTo(1);
        assertThat(s.text()).doesNotContain("nobody/knows-this-model");
        assertThat(s.sum("junction_errors_total", "error_type", "model_not_found", "route", "unknown"))
                .isEqualTo(1);
    }

    @Test
    void aFailoverIsCountedAsAFallbackAndTheDashboardUsesOnlyMetricsThatExist() throws Exception {
        start("metrics: {token: " + TOKEN + "}\n"
                + "routes: {duo: {steps: [{provider: mock, model: fail}, {provider: mock, model: echo}]}}\n");
        assertThat(ClientWire.OPENAI.chat(gateway, "duo", "fail over", false).statusCode()).isEqualTo(200);
        assertThat(ClientWire.ANTHROPIC.chat(gateway, "duo", "stream over", true).statusCode()).isEqualTo(200);
        assertThat(ClientWire.OPENAI.chat(gateway, "mock/fail", "fail", false).statusCode()).isEqualTo(503);

        Scrape s = awaitScrape(x -> x.sum("junction_requests_total", "route", "duo") >= 2
                && x.sum("junction_errors_total") >= 1);

        assertThat(s.sum("junction_fallbacks_total", "route", "duo", "reason", "unavailable")).isEqualTo(2);
        assertThat(s.sum("junction_attempts_total", "deployment", "mock/fail", "outcome", "unavailable"))
                .isEqualTo(3);
        assertThat(s.sum("junction_attempts_total", "deployment", "mock/echo", "outcome", "success")).isEqualTo(2);
        assertThat(s.sum("junction_errors_total", "route", "duo")).as("the failovers succeeded").isZero();
        assertThat(s.sum("junction_fallbacks_total", "route", "mock/fail")).as("one attempt, no fallback").isZero();

        String dashboard = Files.readString(Path.of("..", "deploy", "grafana", "junction-dashboard.json"));
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\b((?:junction|gen_ai|jvm)_[a-z0-9_]+)\\{").matcher(dashboard);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).contains("junction_requests_total", "gen_ai_client_operation_duration_seconds_bucket",
                "gen_ai_server_time_to_first_token_seconds_bucket", "junction_deployment_circuit_state");
        // Meters appear with their first sample: refusals need a limited virtual key and costs a priced model (both
        // are checked by RequestMetersTest), GC pauses a collection
        used.removeAll(Set.of("junction_refusals_total", "junction_cost_usd_total", "jvm_gc_pause_seconds_sum"));
        assertThat(used.stream().filter(name -> !s.has(name)).toList()).as("dashboard metrics not scraped").isEmpty();
    }

    @Test
    void anOpenCircuitShowsInTheStateGauge() throws Exception {
        start("metrics: {token: " + TOKEN + "}\nhealth: {consecutive_failures: 2}\n");
        for (int i = 0; i < 2; i++) {
            assertThat(ClientWire.OPENAI.chat(gateway, "mock/fail", "fail " + i, false).statusCode()).isEqualTo(503);
        }

        Scrape s = awaitScrape(x -> x.sum("junction_deployment_circuit_state", "deployment", "mock/fail",
                "state", "open") == 1);

        assertThat(s.sum("junction_deployment_circuit_state", "deployment", "mock/fail", "state", "open"))
                .isEqualTo(1);
        assertThat(s.sum("junction_deployment_circuit_state", "deployment", "mock/fail", "state", "closed"))
                .isZero();
        assertThat(s.sum("junction_deployment_circuit_state", "deployment", "mock/fail")).isEqualTo(1);
    }

    @Test
    void theEndpointNeedsTheTokenOrAnAdminKeyAndSpeaksOpenMetricsOnRequest() {
        start("metrics: {token: " + TOKEN + "}\n");

        assertThat(gateway.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(gateway.get("/metrics", "authorization", "Bearer wrong-token").statusCode()).isEqualTo(401);
        assertThat(gateway.get("/metrics", "authorization", "Bearer " + Gateway.KEY).statusCode())
                .as("a gateway key is not a metrics credential").isEqualTo(401);
        HttpResponse<String> admin = gateway.get("/metrics", "authorization", "Bearer " + AdminHttp.KEY);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.headers().firstValue("content-type")).get().asString().startsWith("text/plain; version=0.0.4");
        assertThat(admin.body()).doesNotContain(TOKEN, AdminHttp.KEY, Gateway.KEY);

        HttpResponse<String> open = gateway.get("/metrics", "authorization", "Bearer " + TOKEN,
                "accept", "application/openmetrics-text; version=1.0.0");
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.headers().firstValue("content-type")).get().asString()
                .startsWith("application/openmetrics-text");
        assertThat(open.body()).endsWith("# EOF\n");
    }

    @Test
    void jvmRequestLogAndEventLoopMetricsAreThere() throws Exception {
        start("metrics: {token: " + TOKEN + "}\n");

        Scrape s = awaitScrape(x -> x.sum("junction_event_loop_lag_seconds_count") > 0);

        assertThat(s.sum("junction_event_loop_lag_seconds_count")).isPositive();
        assertThat(s.matching("junction_event_loop_lag_seconds_count").size()).isGreaterThan(1);
        for (String name : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "system_cpu_count", "junction_request_log_queue_depth", "junction_request_log_spool_size_bytes",
                "junction_request_log_dropped_total")) {
            assertThat(s.has(name)).as(name).isTrue();
        }
        assertThat(s.sum("junction_request_log_dropped_total")).isZero();
    }

    @Test
    void keyNamesAreLabelsOnlyWhenConfigured() throws Exception {
        start("metrics: {token: " + TOKEN + ", key_names: true}\n");
        assertThat(ClientWire.OPENAI.chat(gateway, "mock/echo", "named", false).statusCode()).isEqualTo(200);

        Scrape s = awaitScrape(x -> x.sum("junction_requests_total") >= 1);

        assertThat(s.sum("junction_requests_total", "key_name", "tests", "route", "mock/echo")).isEqualTo(1);
    }

    @Test
    void aPortOfItsOwnServesMetricsWithoutCredentialsAndTheGatewayPortNoLonger() throws Exception {
        start("metrics: {port: 0}\n");
        int port = gateway.server().metricsPort().orElseThrow();
        assertThat(port).isNotEqualTo(gateway.server().port());

        HttpResponse<String> own = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(Scrape.parse(own.body()).has("jvm_memory_used_bytes")).isTrue();
        assertThat(gateway.get("/metrics", "authorization", "Bearer " + AdminHttp.KEY).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aPortOfItsOwnWithATokenStillNeedsIt() throws Exception {
        start("metrics: {port: 0, token: " + TOKEN + "}\n");
        URI uri = URI.create("http://127.0.0.1:" + gateway.server().metricsPort().orElseThrow() + "/metrics");
        HttpClient http = HttpClient.newHttpClient();

        assertThat(http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(uri).header("authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void disabledMetricsAreNotServed() {
        start("metrics: {enabled: false, token: " + TOKEN + "}\n");

        assertThat(gateway.get("/metrics", "authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    }
}
