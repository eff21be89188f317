package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.entity.Attribution;
import dev.junction.it.AdminHttp.Answer;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import dev.junction.store.JdbcRequestLogSink;
import dev.junction.store.SqlDialect;
import dev.junction.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Analytics through the admin API: real requests on each database, the reliability summary, bad parameters. */
class AdminAnalyticsTest {

    private static final String CHAT = "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}";

    private static Map<String, String> environment(TestDatabases.Fresh database) {
        Map<String, String> env = new HashMap<>();
        env.put("JUNCTION_DATABASE_URL", database.settings().url());
        database.settings().user().ifPresent(u -> env.put("JUNCTION_DATABASE_USER", u));
        return env;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SqlDialect.class)
    void requestsThroughTheGatewayShowInTheAnalyticsAsInTheirLog(SqlDialect dialect) throws Exception {
        try (TestDatabases.Fresh database = TestDatabases.create(dialect);
             Gateway gateway = Gateway.start(AdminHttp.CONFIG, environment(database))) {
            AdminHttp admin = new AdminHttp(gateway);
            String user = admin.create("/api/admin/users", "{\"name\":\"ann\"}").path("id").asString();
            ObjectNode key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}");
            Instant before = Instant.now();
            for (int i = 0; i < 12; i++) {
                var chat = gateway.post("/v1/chat/completions", CHAT.formatted("hello number " + "x".repeat(i * 7)),
                        "authorization", "Bearer " + key.path("key").asString());
                assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
            }
            JsonNode log = awaitLog(admin, "/api/admin/users/" + user + "/requests", 12);

            Answer answer = admin.get("/api/admin/analytics?bucket=minute&group_by=model,key&user=" + user
                    + "&from=" + before.minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60));

            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            JsonNode data = answer.body().path("data");
            long requests = 0;
            long input = 0;
            long output = 0;
            double charged = 0;
            for (JsonNode point : data) {
                assertThat(point.at("/group/model").asString()).isEqualTo("mock/echo");
                assertThat(point.at("/group/key").asString()).isEqualTo(key.path("id").asString());
                requests += point.path("requests").asLong();
                input += point.path("input_tokens").asLong();
                output += point.path("output_tokens").asLong();
                charged += point.path("charged_usd").asDouble();
                assertThat(point.at("/latency_ms/count").asLong()).isEqualTo(point.path("requests").asLong());
            }
            long logInput = 0;
            long logOutput = 0;
            double logCharged = 0;
            for (JsonNode item : log) {
                logInput += item.at("/usage/input").asLong();
                logOutput += item.at("/usage/output").asLong();
                logCharged += item.at("/costs/charged_usd").asDouble();
            }
            assertThat(requests).isEqualTo(12);
            assertThat(input).isEqualTo(logInput).isPositive();
            assertThat(output).isEqualTo(logOutput);
            assertThat(charged).isCloseTo(logCharged, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static JsonNode awaitLog(AdminHttp admin, String path, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode data = admin.get(path).body().path("data");
        while (data.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            data = admin.get(path).body().path("data");
        }
        assertThat(data.size()).isEqualTo(count);
        return data;
    }

    @Test
    void theReliabilitySummaryRanksDeploymentsErrors() throws Exception {
        try (Gateway gateway = Gateway.start(AdminHttp.CONFIG, Map.of())) {
            AdminHttp admin = new AdminHttp(gateway);
            String tenant = "ten_" + UUID.randomUUID();
            Instant at = Instant.parse("2003-06-01T10:15:00Z");
            List<LoggedRequest> entries = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int status = i < 80 ? 200 : i < 95 ? 429 : 502;
                Optional<String> type = status == 429 ? Optional.of("rate_limited") : status == 502
                        ? Optional.of("upstream_error") : Optional.empty();
                entries.add(new LoggedRequest("r" + i, at.plusSeconds(i), new Attribution("k", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(tenant)), "/v1/chat/completions", "m",
                        "openai", "openai-east", "gpt", false, false, status, 100 + i, i < 50 ? 30 : -1,
                        new Usage(10, 5, 0, 0, 0), new Costs(1, 2, 3),
                        i % 10 == 0 ? "openai-west=503:unavailable@3ms,openai-east=" + status + "@90ms"
                                : i % 7 == 0 ? "openai-east=503:unavailable@3ms,openai-east=200@90ms"
                                : "openai-east=" + status + "@90ms",
                        type, type, Optional.empty(), Optional.empty()));
            }
            new JdbcRequestLogSink(gateway.server().governance().database()).write(entries);

            Answer answer = admin.get("/api/admin/analytics/reliability?tenant=" + tenant
                    + "&from=2003-06-01T00:00:00Z&to=2003-06-02T00:00:00Z");

            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            JsonNode row = answer.body().path("data").get(0);
            assertThat(answer.body().path("data").size()).isEqualTo(1);
            assertThat(row.at("/group/provider").asString()).isEqualTo("openai");
            assertThat(row.at("/group/deployment").asString()).isEqualTo("openai-east");
            assertThat(row.path("requests").asLong()).isEqualTo(100);
            assertThat(row.path("success_rate").asDouble()).isEqualTo(0.8);
            assertThat(row.path("fallbacks").asLong()).isEqualTo(10);
            assertThat(row.at("/top_errors/0/class").asString()).isEqualTo("rate_limited");
            assertThat(row.at("/top_errors/0/count").asLong()).isEqualTo(15);
            assertThat(row.at("/top_errors/1/class").asString()).isEqualTo("upstream_error");
            // Latencies 100 to 199 ms: the median lies in the [128, 256) bucket, the 99th too.
            assertThat(row.at("/latency_ms/p50").asDouble()).isBetween(128.0, 256.0);
            assertThat(row.at("/latency_ms/mean").asDouble()).isEqualTo(149.5);
            assertThat(row.at("/ttft_ms/count").asLong()).isEqualTo(50);
            assertThat(row.at("/ttft_ms/p99").asDouble()).isBetween(16.0, 32.0);
        }
    }

    @Test
    void theSummaryTotalsEachGroupOverTheRangeMostRequestsFirst() throws Exception {
        try (Gateway gateway = Gateway.start(AdminHttp.CONFIG + "keys: [{name: t, key: " + Gateway.KEY + "}]\n",
                Map.of())) {
            AdminHttp admin = new AdminHttp(gateway);
            for (int i = 0; i < 3; i++) {
                assertThat(gateway.post("/v1/chat/completions", CHAT.formatted("hello " + i)).statusCode())
                        .isEqualTo(200);
            }
            assertThat(gateway.post("/v1/chat/completions", CHAT.formatted("x").replace("mock/echo", "mock/fail"))
                    .statusCode()).isEqualTo(503);
            Answer total = null;
            for (int tries = 0; tries < 100; tries++) {
                total = admin.get("/api/admin/analytics/summary");
                if (total.body().at("/data/0/requests").asLong() == 4) {
                    break;
                }
                Thread.sleep(100);
            }

            assertThat(total.status()).as(total.text()).isEqualTo(200);
            assertThat(total.body().path("data").size()).as(total.text()).isEqualTo(1);
            JsonNode all = total.body().path("data").get(0);
            assertThat(all.path("bucket_start").isMissingNode()).isTrue();
            assertThat(all.path("requests").asLong()).isEqualTo(4);
            assertThat(all.path("errors").asLong()).isEqualTo(1);
            assertThat(all.at("/latency_ms/count").asLong()).isEqualTo(4);
            Answer byModel = admin.get("/api/admin/analytics/summary?group_by=model&bucket=minute");
            assertThat(byModel.body().at("/data/0/group/model").asString()).isEqualTo("mock/echo");
            assertThat(byModel.body().at("/data/0/requests").asLong()).isEqualTo(3);
            assertThat(byModel.body().at("/data/1/group/model").asString()).isEqualTo("mock/fail");
            assertThat(byModel.body().at("/data/1/errors").asLong()).isEqualTo(1);
            assertThat(admin.get("/api/admin/analytics/summary?group_by=colour").status()).isEqualTo(400);
        }
    }

    @Test
    void badParametersAreRefusedWithTheReason() {
        try (Gateway gateway = Gateway.start(AdminHttp.CONFIG, Map.of())) {
            AdminHttp admin = new AdminHttp(gateway);
            Map<String, String> cases = Map.of(
                    "/api/admin/analytics?bucket=week", "'bucket' must be one of minute, hour, day",
                    "/api/admin/analytics?group_by=model,planet", "unknown dimension 'planet'",
                    "/api/admin/analytics?group_by=model,model", "'model' twice",
                    "/api/admin/analytics?from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z", "'to' must be after",
                    "/api/admin/analytics?bucket=minute&from=2020-01-01T00:00:00Z&to=2024-01-01T00:00:00Z",
                    "more than 10000 minute buckets",
                    "/api/admin/analytics?from=yesterday", "from",
                    "/api/admin/analytics?colour=red", "Unknown query parameter 'colour'",
                    "/api/admin/analytics/reliability?group_by=model", "Unknown query parameter 'group_by'");
            cases.forEach((path, message) -> {
                Answer answer = admin.get(path);
                assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(400);
                assertThat(answer.message()).as(path).contains(message);
            });
        }
    }
}
