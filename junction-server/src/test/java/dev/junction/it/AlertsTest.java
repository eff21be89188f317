package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.alert.AlertFired;
import dev.junction.alert.AlertStats;
import dev.junction.json.Json;
import dev.junction.store.TestDatabases;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Alerts end to end: real traffic through a real gateway trips a rule, and mock Feishu, WeCom, Slack, DingTalk and
 * generic receivers each get exactly one firing message and one all-clear, in their format and correctly signed; a
 * receiver that fails is retried, then counted as a dead letter; the admin API lists and test-sends.
 */
class AlertsTest {

    private static final String ADMIN = "admin-0123456789abcdef";
    private static final List<String> RECEIVERS = List.of("/feishu/hook/tok-f", "/wecom", "/slack/T/B/tok-s",
            "/dingtalk", "/hook");

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final List<AlertFired> fired = new CopyOnWriteArrayList<>();
    private Gateway gateway;

    @BeforeEach
    void start() {
        receiver.fail("/broken", 500);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        receiver.close();
    }

    private String channels() {
        return """
                  channels:
                    feishu: {type: feishu, url: "%s", secret: feishu-secret}
                    wecom: {type: wecom, url: "%s"}
                    slack: {type: slack, url: "%s"}
                    dingtalk: {type: dingtalk, url: "%s", secret: SECding}
                    hook: {type: webhook, url: "%s", secret: hook-secret}
                    broken: {type: webhook, url: "%s"}
                """.formatted(receiver.url("/feishu/hook/tok-f"), receiver.url("/wecom") + "?key=tok-w",
                receiver.url("/slack/T/B/tok-s"), receiver.url("/dingtalk") + "?access_token=tok-d",
                receiver.url("/hook"), receiver.url("/broken"));
    }

    private Gateway start(String rules, Map<String, String> env) {
        String yaml = "keys: [{name: tests, key: " + Gateway.KEY + "}]\n"
                + "alerts:\n  evaluate_every: 50ms\n  delivery: {retries: 2, backoff: 20ms, timeout: 5s}\n"
                + channels() + "  rules:\n" + rules;
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("JUNCTION_ADMIN_KEY", ADMIN);
        Gateway g = Gateway.start(yaml, environment, Clock.systemUTC());
        g.server().events().subscribe(AlertFired.class, fired::add);
        return g;
    }

    private static Predicate<WebhookReceiver.Received> saying(String word) {
        return r -> r.body().contains(word);
    }

    @Test
    void consecutiveUpstreamFailuresFireOnceOnEveryChannelAndClearOnce() throws Exception {
        gateway = start("    - {name: upstream failures, type: upstream_consecutive_failures, by: provider,"
                + " threshold: 3, cool_down: 1h}\n", Map.of());
        for (int i = 0; i < 3; i++) {
            assertThat(ClientWire.OPENAI.chat(gateway, "mock/fail", "x", false).statusCode()).isEqualTo(503);
        }
        for (String path : RECEIVERS) {
            receiver.await(path, 1, saying("FIRING").or(saying("firing")));
        }
        assertThat(ClientWire.OPENAI.chat(gateway, "mock/fail", "x", false).statusCode()).isEqualTo(503);
        settle();
        for (String path : RECEIVERS) {
            assertThat(receiver.on(path)).as("one message while the incident stays open: " + path).hasSize(1);
        }
        checkFormats("FIRING", "firing");

        assertThat(ClientWire.OPENAI.chat(gateway, "mock/echo", "x", false).statusCode()).isEqualTo(200);
        for (String path : RECEIVERS) {
            receiver.await(path, 1, saying("RESOLVED").or(saying("resolved")));
        }
        settle();
        for (String path : RECEIVERS) {
            assertThat(receiver.on(path)).as("one firing and one all-clear: " + path).hasSize(2);
        }
        checkFormats("RESOLVED", "resolved");

        assertThat(fired).extracting(AlertFired::resolved).containsExactly(false, true);
        assertThat(fired.getFirst().incident().subject()).isEqualTo("mock");
        assertThat(fired.getFirst().kind()).isEqualTo("alert");

        // The broken receiver got each message three times (two retries), then gave up on it.
        receiver.await("/broken", 6, r -> true);
        AlertStats stats = awaitStats(s -> s.deadLettered() == 2 && s.delivered() == 2L * RECEIVERS.size());
        assertThat(stats.retried()).isEqualTo(4);
        assertThat(stats.delivered()).isEqualTo(2L * RECEIVERS.size());
        assertThat(stats.openIncidents()).isZero();
        assertThat(gateway.logOutput()).doesNotContain("tok-f").doesNotContain("tok-w").doesNotContain("tok-s")
                .doesNotContain("tok-d").doesNotContain("hook-secret").contains("broken");
    }

    /**
     * Two replicas sharing one store both see the upstream fail; the first to claim the change sends it, the other
     * stays quiet, and the all-clear goes out once too.
     */
    @Test
    void replicasThatFindTheSameFailureSendItOnce() throws Exception {
        TestDatabases.Fresh database = Backend.POSTGRESQL.createDatabase();
        Map<String, String> shared = Backend.POSTGRESQL.environment(database);
        String rule = "    - {name: upstream failures, type: upstream_consecutive_failures, by: provider,"
                + " threshold: 2, cool_down: 1h, channels: [hook]}\n";
        gateway = start(rule, shared);
        try (Gateway other = start(rule, shared)) {
            for (Gateway replica : List.of(gateway, other)) {
                for (int i = 0; i < 2; i++) {
                    assertThat(ClientWire.OPENAI.chat(replica, "mock/fail", "x", false).statusCode()).isEqualTo(503);
                }
            }
            receiver.await("/hook", 1, saying("firing"));
            awaitFired(2, false);
            settle();
            assertThat(receiver.on("/hook")).as("one firing from two replicas").hasSize(1);

            for (Gateway replica : List.of(gateway, other)) {
                assertThat(ClientWire.OPENAI.chat(replica, "mock/echo", "x", false).statusCode()).isEqualTo(200);
            }
            receiver.await("/hook", 2, r -> true);
            awaitFired(2, true);
            settle();
            assertThat(receiver.on("/hook")).as("then one all-clear").hasSize(2);
            assertThat(receiver.on("/hook").getLast().body()).contains("resolved");
            long elsewhere = gateway.server().alerts().stats().claimedElsewhere()
                    + other.server().alerts().stats().claimedElsewhere();
            assertThat(elsewhere).as("each change left once to the replica that claimed it").isEqualTo(2);
        } finally {
            database.close();
        }
    }

    /** Waits until both replicas' buses told {@code count} firings (or all-clears). */
    private void awaitFired(int count, boolean resolved) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (fired.stream().filter(f -> f.resolved() == resolved).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fired.stream().filter(f -> f.resolved() == resolved).count()).isEqualTo(count);
    }

    /** The last message of each receiver is in its own format, and signed where the receiver checks. */
    private void checkFormats(String title, String state) throws Exception {
        JsonNode feishu = last("/feishu/hook/tok-f");
        assertThat(feishu.path("msg_type").asString()).isEqualTo("interactive");
        assertThat(feishu.at("/card/header/title/content").asString()).isEqualTo("[" + title
                + "] upstream failures: mock");
        String ts = feishu.path("timestamp").asString();
        assertThat(feishu.path("sign").asString()).isEqualTo(Base64.getEncoder().encodeToString(
                hmac(ts + "\nfeishu-secret", "")));

        JsonNode wecom = last("/wecom");
        assertThat(receiver.on("/wecom").getLast().query()).isEqualTo("key=tok-w");
        assertThat(wecom.path("msgtype").asString()).isEqualTo("markdown");
        assertThat(wecom.at("/markdown/content").asString()).contains("[" + title + "] upstream failures: mock");

        JsonNode slack = last("/slack/T/B/tok-s");
        assertThat(slack.path("text").asString()).startsWith("[" + title + "]");
        assertThat(slack.at("/blocks/1/text/type").asString()).isEqualTo("mrkdwn");

        WebhookReceiver.Received ding = receiver.on("/dingtalk").getLast();
        JsonNode dingBody = Json.MAPPER.readTree(ding.body());
        assertThat(dingBody.path("msgtype").asString()).isEqualTo("markdown");
        assertThat(dingBody.at("/markdown/title").asString()).startsWith("[" + title + "]");
        Map<String, String> query = query(ding.query());
        assertThat(query).containsEntry("access_token", "tok-d");
        assertThat(query.get("sign")).isEqualTo(Base64.getEncoder().encodeToString(
                hmac("SECding", query.get("timestamp") + "\nSECding")));

        WebhookReceiver.Received hook = receiver.on("/hook").getLast();
        JsonNode hookBody = Json.MAPPER.readTree(hook.body());
        assertThat(hookBody.path("state").asString()).isEqualTo(state);
        assertThat(hookBody.path("subject").asString()).isEqualTo("mock");
        assertThat(hook.header("X-Junction-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(
                hmac("hook-secret", hook.header("X-Junction-Timestamp") + "." + hook.body())));
    }

    @Test
    void anUpstreamThatRefusesTheGatewaysKeyIsReported() {
        try (MockUpstream upstream = MockUpstream.start()) {
            upstream.setDefault(Behavior.status(401));
            gateway = start("    - {name: key invalid, type: upstream_key_invalid, channels: [hook]}\n",
                    Map.of("OPENAI_BASE_URL", upstream.baseUrl(), "OPENAI_API_KEY", "sk-upstream-abcdef123456"));
            assertThat(ClientWire.OPENAI.chat(gateway, "openai/gpt-4o", "x", false).statusCode()).isEqualTo(502);

            JsonNode hook = Json.MAPPER.readTree(receiver.await("/hook", 1, saying("firing")).getFirst().body());
            assertThat(hook.path("rule").asString()).isEqualTo("key invalid");
            assertThat(hook.path("subject").asString()).isEqualTo("openai");
            assertThat(hook.path("summary").asString()).contains("refused the gateway's key");
            assertThat(receiver.on("/feishu/hook/tok-f")).as("only the rule's channels").isEmpty();

            JsonNode listed = Json.MAPPER.readTree(gateway.get("/api/admin/alerts", "authorization",
                    "Bearer " + ADMIN).body());
            assertThat(listed.at("/incidents/0/rule").asString()).isEqualTo("key invalid");
            assertThat(listed.at("/incidents/0/subject").asString()).isEqualTo("openai");
        }
    }

    @Test
    void theAdminApiListsChannelsMaskedAndSendsATest() throws Exception {
        gateway = start("    - {type: circuit_open, after: 2m}\n    - {type: budget, levels: [80, 100]}\n", Map.of());

        var list = gateway.get("/api/admin/alerts", "authorization", "Bearer " + ADMIN);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("tok-").doesNotContain("secret").doesNotContain("SECding");
        JsonNode body = Json.MAPPER.readTree(list.body());
        assertThat(body.at("/channels/0/name").asString()).isEqualTo("feishu");
        assertThat(body.at("/channels/0/url").asString()).isEqualTo("http://127.0.0.1:" + port() + "/…");
        assertThat(body.at("/channels/0/signed").asBoolean()).isTrue();
        assertThat(body.at("/rules/0/type").asString()).isEqualTo("circuit_open");
        assertThat(body.at("/rules/0/after").asString()).isEqualTo("2m");
        assertThat(body.at("/rules/1/levels").toString()).isEqualTo("[80,100]");
        assertThat(body.path("incidents").isEmpty()).isTrue();

        var sent = gateway.post("/api/admin/alerts/test", "{\"channel\":\"hook\"}", "authorization",
                "Bearer " + ADMIN);
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(sent.body()).path("delivered").asBoolean()).isTrue();
        JsonNode test = Json.MAPPER.readTree(receiver.await("/hook", 1, saying("test")).getFirst().body());
        assertThat(test.path("state").asString()).isEqualTo("test");

        var broken = gateway.post("/api/admin/alerts/test", "{\"channel\":\"broken\"}", "authorization",
                "Bearer " + ADMIN);
        assertThat(broken.statusCode()).isEqualTo(502);
        JsonNode result = Json.MAPPER.readTree(broken.body());
        assertThat(result.path("status").asInt()).isEqualTo(500);
        assertThat(result.path("tries").asInt()).isEqualTo(1);

        assertThat(gateway.post("/api/admin/alerts/test", "{\"channel\":\"nope\"}", "authorization",
                "Bearer " + ADMIN).statusCode()).isEqualTo(404);
        assertThat(gateway.post("/api/admin/alerts/test", "{\"channel\":\"hook\"}", "authorization",
                "Bearer wrong-key").statusCode()).isEqualTo(401);
        assertThat(gateway.server().alerts().stats().deadLettered()).as("tests are not dead letters").isZero();
    }

    @Test
    void channelsStoredThroughTheAdminApiAreSealedListedMaskedAndTestable() throws Exception {
        gateway = start("    - {type: circuit_open}\n", Map.of());
        String auth = "Bearer " + ADMIN;
        String url = receiver.url("/stored/tok-stored-123");
        var created = gateway.request("PUT", "/api/admin/alerts/channels/team-hook",
                "{\"type\":\"webhook\",\"url\":\"" + url + "\",\"secret\":\"stored-secret\"}",
                "authorization", auth);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("tok-stored").doesNotContain("stored-secret");
        assertThat(Json.MAPPER.readTree(created.body()).path("signed").asBoolean()).isTrue();

        var stored = gateway.server().governance().store().alertChannels().get("team-hook").orElseThrow();
        assertThat(stored.urlCiphertext()).doesNotContain("tok-stored").doesNotContain("127.0.0.1");
        assertThat(stored.secretCiphertext()).get().asString().doesNotContain("stored-secret");

        var list = gateway.get("/api/admin/alerts", "authorization", auth);
        assertThat(list.body()).doesNotContain("tok-stored");
        JsonNode channels = Json.MAPPER.readTree(list.body()).path("channels");
        assertThat(channels.get(channels.size() - 1).path("name").asString()).isEqualTo("team-hook");
        assertThat(channels.get(channels.size() - 1).path("source").asString()).isEqualTo("store");
        assertThat(channels.get(0).path("source").asString()).isEqualTo("file");

        var sent = gateway.post("/api/admin/alerts/test", "{\"channel\":\"team-hook\"}", "authorization", auth);
        assertThat(sent.statusCode()).isEqualTo(200);
        WebhookReceiver.Received got = receiver.await("/stored/tok-stored-123", 1, r -> true).getFirst();
        assertThat(got.header("X-Junction-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(
                hmac("stored-secret", got.header("X-Junction-Timestamp") + "." + got.body())));

        assertThat(gateway.request("PUT", "/api/admin/alerts/channels/hook",
                "{\"type\":\"slack\",\"url\":\"https://hooks.example.com/x\"}", "authorization", auth)
                .statusCode()).as("the file's name").isEqualTo(409);
        assertThat(gateway.request("PUT", "/api/admin/alerts/channels/other",
                "{\"type\":\"teams\",\"url\":\"https://hooks.example.com/x\"}", "authorization", auth)
                .statusCode()).isEqualTo(400);
        assertThat(gateway.get("/api/admin/audit", "authorization", auth).body()).contains("alert_channel")
                .doesNotContain("tok-stored").doesNotContain("stored-secret");

        assertThat(gateway.request("DELETE", "/api/admin/alerts/channels/team-hook", null, "authorization", auth)
                .statusCode()).isEqualTo(204);
        assertThat(gateway.post("/api/admin/alerts/test", "{\"channel\":\"team-hook\"}", "authorization", auth)
                .statusCode()).isEqualTo(404);
        assertThat(gateway.request("DELETE", "/api/admin/alerts/channels/team-hook", null, "authorization", auth)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void rulesStoredThroughTheAdminApiWatchTrafficRoundTripAndGoAway() throws Exception {
        gateway = start("    - {name: breakers, type: budget}\n", Map.of());
        String auth = "Bearer " + ADMIN;
        String definition = "{\"type\":\"upstream_consecutive_failures\",\"threshold\":2,\"cool_down\":\"1h\","
                + "\"channels\":[\"hook\"]}";
        var created = gateway.request("PUT", "/api/admin/alerts/rules/streak", definition, "authorization", auth);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode rule = Json.MAPPER.readTree(created.body());
        assertThat(rule.path("source").asString()).isEqualTo("store");
        assertThat(rule.path("by").asString()).as("the type's default").isEqualTo("provider");
        assertThat(rule.path("cool_down").asString()).isEqualTo("1h");

        for (int i = 0; i < 2; i++) {
            assertThat(ClientWire.OPENAI.chat(gateway, "mock/fail", "x", false).statusCode()).isEqualTo(503);
        }
        receiver.await("/hook", 1, saying("firing"));
        assertThat(gateway.server().alerts().openIncidents()).extracting(i -> i.rule()).containsExactly("streak");

        JsonNode listed = Json.MAPPER.readTree(gateway.get("/api/admin/alerts", "authorization", auth).body())
                .path("rules");
        assertThat(listed).extracting(r -> r.path("name").asString() + "/" + r.path("source").asString())
                .containsExactly("breakers/file", "streak/store");
        tools.jackson.databind.node.ObjectNode again = (tools.jackson.databind.node.ObjectNode) listed.get(1);
        again.remove("name");
        again.remove("source");
        again.put("threshold", 3);
        var replaced = gateway.request("PUT", "/api/admin/alerts/rules/streak", Json.write(again),
                "authorization", auth);
        assertThat(replaced.statusCode()).as("what the listing says can be sent back: " + replaced.body())
                .isEqualTo(200);
        assertThat(gateway.server().alerts().rules()).extracting(r -> r.name() + "=" + (long) r.threshold())
                .containsExactly("breakers=0", "streak=3");
        assertThat(gateway.server().alerts().openIncidents()).as("a changed rule starts afresh, quietly").isEmpty();
        for (int i = 0; i < 3; i++) {
            assertThat(ClientWire.OPENAI.chat(gateway, "mock/fail", "x", false).statusCode()).isEqualTo(503);
        }
        receiver.await("/hook", 2, saying("firing"));

        String wrong = "{\"type\":\"upstream_consecutive_failures\",\"threshold\":0,\"window\":\"5 parsecs\","
                + "\"channels\":[\"nowhere\"],\"name\":\"other\"}";
        var refused = gateway.request("PUT", "/api/admin/alerts/rules/other", wrong, "authorization", auth);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("threshold").contains("window").contains("nowhere").contains("name");
        var checked = gateway.request("PUT", "/api/admin/alerts/rules/other?dry_run=true", wrong,
                "authorization", auth);
        assertThat(checked.statusCode()).isEqualTo(200);
        JsonNode verdict = Json.MAPPER.readTree(checked.body());
        assertThat(verdict.path("valid").asBoolean()).isFalse();
        assertThat(verdict.path("problems")).hasSize(4);
        var fine = gateway.request("PUT", "/api/admin/alerts/rules/other?dry_run=true", definition,
                "authorization", auth);
        assertThat(Json.MAPPER.readTree(fine.body()).path("valid").asBoolean()).isTrue();
        assertThat(gateway.server().governance().store().alertRules().get("other")).as("a dry run stores nothing")
                .isEmpty();
        assertThat(gateway.request("PUT", "/api/admin/alerts/rules/breakers", definition, "authorization", auth)
                .statusCode()).as("the file's name").isEqualTo(409);
        assertThat(gateway.request("DELETE", "/api/admin/alerts/rules/breakers", null, "authorization", auth)
                .statusCode()).as("the file's rule").isEqualTo(409);

        assertThat(gateway.request("DELETE", "/api/admin/alerts/rules/streak", null, "authorization", auth)
                .statusCode()).isEqualTo(204);
        assertThat(gateway.server().alerts().openIncidents()).as("a deleted rule's incident goes with it").isEmpty();
        assertThat(gateway.server().alerts().rules()).extracting(r -> r.name()).containsExactly("breakers");
        assertThat(gateway.request("DELETE", "/api/admin/alerts/rules/streak", null, "authorization", auth)
                .statusCode()).isEqualTo(404);
        assertThat(gateway.get("/api/admin/audit", "authorization", auth).body()).contains("alert_rule");
        settle();
        assertThat(receiver.on("/hook")).as("no all-clear for a rule that was changed or deleted, not cleared")
                .hasSize(2).allMatch(saying("firing"));
    }

    private int port() {
        return java.net.URI.create(receiver.url("/")).getPort();
    }

    private JsonNode last(String path) {
        return Json.MAPPER.readTree(receiver.on(path).getLast().body());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] hmac(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private AlertStats awaitStats(Predicate<AlertStats> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        AlertStats stats = gateway.server().alerts().stats();
        while (!done.test(stats) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            stats = gateway.server().alerts().stats();
        }
        return stats;
    }

    /** Several evaluation rounds (50 ms each), for a duplicate, if there were one, to arrive. */
    private static void settle() throws InterruptedException {
        Thread.sleep(400);
    }
}
