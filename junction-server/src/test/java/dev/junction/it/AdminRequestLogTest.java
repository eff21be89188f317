package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.entity.Attribution;
import dev.junction.it.AdminHttp.Answer;
import dev.junction.json.Json;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import dev.junction.store.JdbcRequestLogSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The request log and spend through the admin API: filters, pages without gaps, and the numbers. */
class AdminRequestLogTest {

    private static Gateway gateway;
    private static AdminHttp admin;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(AdminHttp.CONFIG, Map.of());
        admin = new AdminHttp(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static LoggedRequest entry(String requestId, Instant at, Attribution caller, String model, int status,
                                       long chargedNanos) {
        return new LoggedRequest(requestId, at, caller, "/v1/chat/completions", model, "openai", "openai/" + model,
                model + "-2025", false, false, status, 120, 40, new Usage(100, 20, 10, 0, 5),
                new Costs(chargedNanos / 2, chargedNanos - 100, chargedNanos), "openai/" + model + ":" + status + ":ok",
                status == 200 ? Optional.empty() : Optional.of("rate_limited"),
                status == 200 ? Optional.empty() : Optional.of("slow down"), Optional.empty(), Optional.empty());
    }

    private static void store(List<LoggedRequest> entries) throws Exception {
        new JdbcRequestLogSink(gateway.server().governance().database()).write(entries);
    }

    private static Attribution caller(String keyId) {
        return new Attribution("ci", Optional.of(keyId), Optional.of("usr_" + keyId), Optional.empty(),
                Optional.of("ten_default"));
    }

    @Test
    void followingTheCursorReadsEveryEntryOnceNewestFirst() throws Exception {
        String key = "key_" + UUID.randomUUID();
        Instant base = Instant.parse("2024-05-01T10:00:00Z");
        List<LoggedRequest> entries = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            // Three entries share each millisecond, so pages must break ties by position too.
            entries.add(entry("req-" + i, base.plusMillis(i / 3), caller(key), "gpt-4o", 200, 1000));
        }
        store(entries);

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Answer page = admin.get("/api/admin/requests?key_id=" + key + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            pageSizes.add(page.body().path("data").size());
            page.body().path("data").forEach(item -> seen.add(item.path("request_id").asString()));
            cursor = page.body().path("next_cursor").isNull() ? null : page.body().path("next_cursor").asString();
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(100, 100, 50);
        assertThat(new LinkedHashSet<>(seen)).hasSize(250);
        assertThat(seen.getFirst()).isEqualTo("req-249");
        assertThat(seen.getLast()).isEqualTo("req-0");
    }

    @Test
    void anEntryShowsItsCallerUsageAndCostsInDollars() throws Exception {
        String key = "key_" + UUID.randomUUID();
        Instant at = Instant.parse("2024-06-01T08:00:00.123Z");
        store(List.of(entry("req-shown-" + key, at, caller(key), "gpt-4o-mini", 429, 2_500_000_000L)));

        JsonNode item = admin.get("/api/admin/requests?key_id=" + key).body().path("data").get(0);

        ObjectNode expected = Json.object().put("request_id", "req-shown-" + key).put("started_at", at.toString())
                .put("key_name", "ci").put("key_id", key).put("user_id", "usr_" + key).putNull("team_id")
                .put("tenant_id", "ten_default").put("endpoint", "/v1/chat/completions").put("model", "gpt-4o-mini")
                .put("provider", "openai").put("deployment", "openai/gpt-4o-mini")
                .put("upstream_model", "gpt-4o-mini-2025").put("stream", false).put("source", "api")
                .put("cache_hit", false)
                .put("status", 429).put("latency_ms", 120).put("ttfb_ms", 40);
        expected.putObject("usage").put("input", 100).put("output", 20).put("cached_read", 10)
                .put("cache_write", 0).put("reasoning", 5);
        expected.putObject("costs").put("metered_usd", 1.25).put("standard_usd", 2.4999999)
                .put("charged_usd", 2.5);
        expected.put("attempts", "openai/gpt-4o-mini:429:ok").put("error_type", "rate_limited")
                .put("error_message", "slow down").putNull("guardrails");
        expected.putObject("units");
        expected.putNull("cache").put("cache_saved_usd", 0.0);
        // An entry stored without attempt detail or headers (as rows logged before they were kept) shows them empty.
        expected.putArray("attempt_log");
        expected.putObject("response_headers");
        assertThat(item).isEqualTo(expected);
    }

    @Test
    void oneRequestIsFoundByItsIdAndAnUnknownIdIsA404() throws Exception {
        String key = "key_" + UUID.randomUUID();
        Instant at = Instant.parse("2024-06-02T08:00:00Z");
        store(List.of(entry("req-one-" + key, at, caller(key), "gpt-4o", 200, 10),
                entry("req-other-" + key, at.plusSeconds(1), caller(key), "gpt-4o", 429, 10)));

        Answer found = admin.get("/api/admin/requests/req-one-" + key);
        Answer missing = admin.get("/api/admin/requests/req-none-" + key);
        Answer unknownParam = admin.get("/api/admin/requests/req-one-" + key + "?verbose=1");

        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.body().path("request_id").asString()).isEqualTo("req-one-" + key);
        assertThat(found.body().path("status").asInt()).isEqualTo(200);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("error").path("message").asString()).contains("req-none-" + key);
        assertThat(unknownParam.status()).isEqualTo(400);
    }

    @Test
    void filtersNarrowTheLogAndTheShortcutsMatchTheFilters() throws Exception {
        String key = "key_" + UUID.randomUUID();
        Instant base = Instant.parse("2024-07-01T00:00:00Z");
        store(List.of(entry("a-" + key, base, caller(key), "m1", 200, 10),
                entry("b-" + key, base.plusSeconds(60), caller(key), "m2", 200, 10),
                entry("c-" + key, base.plusSeconds(120), caller(key), "m2", 429, 10)));

        assertThat(ids("/api/admin/requests?key_id=" + key + "&model=m2")).containsExactly("c-" + key, "b-" + key);
        assertThat(ids("/api/admin/requests?key_id=" + key + "&status=429")).containsExactly("c-" + key);
        assertThat(ids("/api/admin/requests?key_id=" + key + "&error_type=rate_limited")).containsExactly("c-" + key);
        assertThat(ids("/api/admin/requests?key_id=" + key + "&from=2024-07-01T00:01:00Z&to=2024-07-01T00:02:00Z"))
                .containsExactly("b-" + key);
        assertThat(ids("/api/admin/requests?key_id=" + key + "&limit=1")).containsExactly("c-" + key);
        assertThat(ids("/api/admin/keys/" + key + "/requests")).containsExactly("c-" + key, "b-" + key, "a-" + key);
        assertThat(ids("/api/admin/users/usr_" + key + "/requests?model=m1")).containsExactly("a-" + key);
    }

    @Test
    void providerRequestIdCostRangeAndErrorClassFilter() throws Exception {
        String key = "key_" + UUID.randomUUID();
        Instant base = Instant.parse("2024-08-01T00:00:00Z");
        store(List.of(entry("a-" + key, base, caller(key), "m1", 200, 1_000_000),
                entry("b-" + key, base.plusSeconds(60), caller(key), "m2", 200, 5_000_000),
                entry("c-" + key, base.plusSeconds(120), caller(key), "m2", 429, 9_000_000)));
        String q = "/api/admin/requests?key_id=" + key;

        assertThat(ids(q + "&provider=openai")).containsExactly("c-" + key, "b-" + key, "a-" + key);
        assertThat(ids(q + "&provider=anthropic")).isEmpty();
        assertThat(ids(q + "&request_id=b-" + key)).containsExactly("b-" + key);
        assertThat(ids(q + "&min_charged_usd=0.002&max_charged_usd=0.005")).containsExactly("b-" + key);
        assertThat(ids(q + "&min_charged_usd=0.005")).containsExactly("c-" + key, "b-" + key);
        assertThat(ids(q + "&error_class=rate_limited")).containsExactly("c-" + key);
        assertThat(admin.get(q + "&min_charged_usd=-1").status()).isEqualTo(400);
        assertThat(admin.get(q + "&min_charged_usd=2&max_charged_usd=1").message()).contains("max_charged_usd");
    }

    @Test
    void aRequestMadeWithAKeyAppearsInItsLog() throws Exception {
        String user = admin.create("/api/admin/users", "{\"name\":\"u-" + UUID.randomUUID() + "\"}")
                .path("id").asString();
        ObjectNode key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\",\"name\":\"logged\"}");
        var chat = gateway.post("/v1/chat/completions",
                "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization", "Bearer " + key.path("key").asString());
        assertThat(chat.statusCode()).isEqualTo(200);

        // The log is written behind the request; wait for its batch to land.
        String path = "/api/admin/users/" + user + "/requests";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (admin.get(path).body().path("data").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        JsonNode item = admin.get(path).body().path("data").get(0);
        assertThat(item.path("key_id").asString()).isEqualTo(key.path("id").asString());
        assertThat(item.path("key_name").asString()).isEqualTo("logged");
        assertThat(item.path("model").asString()).isEqualTo("mock/echo");
        assertThat(item.path("status").asInt()).isEqualTo(200);
    }

    @Test
    void aCursorThisApiDidNotMakeIsABadRequest() {
        Answer answer = admin.get("/api/admin/requests?cursor=nonsense");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("cursor");
    }

    @Test
    void spendIsSummedPerGroupLargestFirst() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.parse("2001-03-01T00:00:00Z");
        store(List.of(entry("s1-" + tag, base, caller("key_a" + tag), "cheap-" + tag, 200, 1_000_000_000L),
                entry("s2-" + tag, base.plusSeconds(1), caller("key_a" + tag), "dear-" + tag, 200, 3_000_000_000L),
                entry("s3-" + tag, base.plusSeconds(2), caller("key_b" + tag), "dear-" + tag, 200, 2_000_000_000L)));

        JsonNode byModel = admin.get("/api/admin/spend?group_by=model&from=2001-03-01T00:00:00Z"
                + "&to=2001-03-02T00:00:00Z").body();
        JsonNode byKey = admin.get("/api/admin/spend?group_by=key&from=2001-03-01T00:00:00Z"
                + "&to=2001-03-02T00:00:00Z").body();

        assertThat(byModel.path("group_by").asString()).isEqualTo("model");
        JsonNode dear = byModel.path("data").get(0);
        ObjectNode expected = Json.object().put("group", "dear-" + tag).put("requests", 2).put("input_tokens", 200)
                .put("output_tokens", 40).put("metered_usd", 2.5).put("standard_usd", 4.9999998)
                .put("charged_usd", 5.0);
        assertThat(dear).isEqualTo(expected);
        assertThat(byModel.path("data").get(1).path("group").asString()).isEqualTo("cheap-" + tag);
        assertThat(byKey.path("data").findValuesAsString("group")).containsExactly("key_a" + tag, "key_b" + tag);
        assertThat(byKey.path("data").get(0).path("charged_usd").asDouble()).isEqualTo(4.0);
    }

    @Test
    void anUnknownGroupingIsABadRequest() {
        Answer answer = admin.get("/api/admin/spend?group_by=planet");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("group_by", "planet");
    }

    private static List<String> ids(String path) {
        Answer answer = admin.get(path);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.body().path("data").forEach(item -> ids.add(item.path("request_id").asString()));
        return ids;
    }
}
